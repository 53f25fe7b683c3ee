import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { createCustomers, publishModel } from '../support/crm-seed.js';

const LIMIT = 20 * 1024 * 1024;

/**
 * A JSON POST to the record API is answered ahead of Nest and Express
 * (`serve/lean-record-route.ts`); every other request to it goes through
 * them. Both must answer alike: the same data, the same refusals, the same
 * statuses and headers a client reads.
 */
describe('the record API answers alike on its lean route and through Express', () => {
  let lattice: TestPlatform;
  let customer: string;
  const QUERY = 'query($id: ID!) { customer(id: $id) { id name } metadataVersion }';
  const send = async (init: RequestInit & { headers?: Record<string, string> }, path = '/graphql') => {
    const response = await fetch(`${lattice.url}${path}`, { method: 'POST', ...init, headers: { ...lattice.authorization, ...init.headers } });
    const text = await response.text();
    expect(text).not.toMatch(/\n\s+at |node_modules/);
    return { status: response.status, type: response.headers.get('content-type'), cache: response.headers.get('cache-control'), body: JSON.parse(text) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
  };

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishModel(lattice);
    [customer] = (await createCustomers(lattice, [{ name: '路由客户' }])) as [string];
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('answers a query the same as JSON, with a charset, gzipped and by GET', async () => {
    const body = JSON.stringify({ query: QUERY, variables: { id: customer } });
    const lean = await send({ headers: { 'content-type': 'application/json' }, body });
    expect(lean.status).toBe(200);
    expect(lean.body.data.customer).toEqual({ id: customer, name: '路由客户' });
    expect(lean.type).toBe('application/json; charset=utf-8');
    const withCharset = await send({ headers: { 'content-type': 'application/json; charset=utf-8' }, body });
    const gzipped = await send({ headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync(body) });
    const byGet = await send({ method: 'GET', headers: { 'apollo-require-preflight': 'true' } }, `/graphql?query=${encodeURIComponent(QUERY)}&variables=${encodeURIComponent(JSON.stringify({ id: customer }))}`);
    for (const other of [withCharset, gzipped, byGet]) expect(other).toEqual(lean);
  });

  it('refuses a caller without a valid token with 401 before reading the body, on both routes', async () => {
    const body = JSON.stringify({ query: '{ metadataVersion }' });
    for (const headers of [{ 'content-type': 'application/json' }, { 'content-type': 'application/json', 'content-encoding': 'gzip' }] as Record<string, string>[]) {
      for (const authorization of ['', 'Bearer not-a-token']) {
        const response = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { ...headers, ...(authorization ? { authorization } : {}) }, body: headers['content-encoding'] ? gzipSync(body) : body });
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(response.headers.get('cache-control')).toBe('no-store');
        const answer = (await response.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
        expect(answer.data).toBeUndefined();
        expect(answer.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('refuses a body that is not JSON, not an object, or over the byte limit as Express does, and keeps answering', async () => {
    for (const [body, gz] of [['{ not json', false], ['"a string"', false], ['{ not json', true]] as const) {
      const refused = await send({ headers: { 'content-type': 'application/json', ...(gz ? { 'content-encoding': 'gzip' } : {}) }, body: gz ? gzipSync(body) : body });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.extensions?.['code']).toBe('VALIDATION');
      expect(refused.body.errors?.[0]?.message).toMatch(/request body is not valid JSON/);
    }
    // Sent in chunks with no declared length: refused as it is read, past the limit.
    const chunk = new TextEncoder().encode(`{"query":"{ metadataVersion }","variables":{"pad":"${'x'.repeat(1024 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 3 * LIMIT) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${lattice.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...lattice.authorization }, body: stream, duplex: 'half' } as RequestInit).catch((error: Error) => error);
    expect(response instanceof Response ? response.status : String(response)).toBe(413);
    expect(((await (response as Response).json()) as { errors: { extensions: { code: string; limit: number } }[] }).errors[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: LIMIT });
    // Reading stopped at the limit: what the client got to send is bounded by the sockets' buffers, far below the 60 MB on offer.
    expect(sent).toBeLessThan(2 * LIMIT);
    const after = await send({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ metadataVersion }' }) });
    expect(after.status).toBe(200);
    expect(after.body.data.metadataVersion).toBe(lattice.live.version);
  });
});
