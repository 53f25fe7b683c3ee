import { createServer } from 'node:net';

/**
 * Fails fast, before the database opens and the tables migrate, when the
 * HTTP port is taken: the start stops at once with one clear line instead
 * of after a full start-up.
 */
export async function assertPortFree(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is in use by another process (set PORT or --port)`) : new Error(`Cannot listen on ${host}:${port}: ${error.message}`)),
    );
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}
