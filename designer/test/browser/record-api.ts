export interface TestUser {
  login: string;
  password: string;
}

/** What the record API itself answers a user, signed in by password: the ground truth the screens must show. */
export async function recordApi(url: string, user: TestUser, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  const signIn = await fetch(`${url}/auth/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($l: String!, $p: String!) { signIn(login: $l, password: $p) { accessToken } }', variables: { l: user.login, p: user.password } }) });
  const token = ((await signIn.json()) as any).data.signIn.accessToken as string;
  const answer = (await (await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) })).json()) as any;
  if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  return answer.data;
}
