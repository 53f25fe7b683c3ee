/** The example's users, their positions and initial passwords, as its org file gives them: who to sign in as. */
export function printExampleUsers(org: unknown): void {
  const users = (org as { users?: { login: string; displayName: string; password?: string; positions?: { unit: string; role: string }[] }[] } | undefined)?.users ?? [];
  if (users.length === 0) return;
  console.log('\nThe example\'s users (initial passwords from its org/org.yaml; sign in with them in the console or at /auth/graphql):');
  const width = Math.max(...users.map((u) => u.login.length));
  for (const user of users) {
    const positions = (user.positions ?? []).map((p) => `${p.role}@${p.unit}`).join(', ');
    console.log(`  ${user.login.padEnd(width)}  ${(user.password ?? '(none)').padEnd(22)}  ${positions}  ${user.displayName}`);
  }
}
