/** A minimal client of a running platform's admin API, for the CLI. */
export class AdminClient {
  constructor(private readonly baseUrl: string) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/$/, '')}/admin/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new Error(`Cannot reach the Lattice platform at ${this.baseUrl}: is it running? (start it with "lattice serve", or pass --url)`);
    }
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string; problems?: { path: string; message: string; hint?: string }[] } }[] };
    if (body.errors?.length) {
      const lines = body.errors.flatMap((e) => [`${e.extensions?.code ?? 'ERROR'}: ${e.message}`, ...(e.extensions?.problems ?? []).map((p) => `  - ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`)]);
      throw new Error(lines.join('\n'));
    }
    return body.data as T;
  }
}

export const PLAN_FIELDS = `fromVersion toHash hash changes ddl blocked confirmationsRequired
  apiChanges { kind description breaking }
  risks { id kind entity field rows message hint blocking }`;
