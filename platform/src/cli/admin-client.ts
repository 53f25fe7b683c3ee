export interface Credentials {
  readonly login: string;
  readonly password: string;
}

interface GraphqlBody<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; problems?: { path: string; message: string; hint?: string }[] } }[];
}

const SIGN_IN = 'mutation($login: String!, $password: String!) { signIn(login: $login, password: $password) { accessToken } }';

/** A minimal client of a running platform's admin API, for the CLI. Signs in once, on its first request. */
export class AdminClient {
  private accessToken: Promise<string | undefined> | undefined;

  constructor(private readonly baseUrl: string, private readonly credentials?: Credentials) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    this.accessToken ??= this.signIn();
    const token = await this.accessToken;
    const { status, body } = await this.post<T>('/admin/graphql', query, variables, token);
    if (status === 401 && !this.credentials) {
      throw new Error('The platform requires signing in: set LATTICE_LOGIN and LATTICE_PASSWORD (or pass --login and --password)');
    }
    return dataOf(body);
  }

  private async signIn(): Promise<string | undefined> {
    if (!this.credentials) return undefined;
    const { body } = await this.post<{ signIn: { accessToken: string } }>('/auth/graphql', SIGN_IN, { ...this.credentials });
    return dataOf(body).signIn.accessToken;
  }

  private async post<T>(path: string, query: string, variables: Record<string, unknown>, token?: string): Promise<{ status: number; body: GraphqlBody<T> }> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new Error(`Cannot reach the Lattice platform at ${this.baseUrl}: is it running? (start it with "lattice serve", or pass --url)`);
    }
    return { status: response.status, body: (await response.json()) as GraphqlBody<T> };
  }
}

function dataOf<T>(body: GraphqlBody<T>): T {
  if (body.errors?.length) {
    const lines = body.errors.flatMap((e) => [`${e.extensions?.code ?? 'ERROR'}: ${e.message}`, ...(e.extensions?.problems ?? []).map((p) => `  - ${p.path}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`)]);
    throw new Error(lines.join('\n'));
  }
  return body.data as T;
}

export const PLAN_FIELDS = `fromVersion startedFrom toHash hash changes ddl blocked confirmationsRequired
  catalogChanges { change path before after } ruleSetChanges { change path before after }
  formChanges { change path before after }
  whereUsed { entity field change usedBy owner path breaks message }
  apiChanges { kind description breaking }
  risks { id kind entity field rows message hint blocking records { id title values } find { sql filter } }
  layerProblems { code path message hint } layerConflicts`;
