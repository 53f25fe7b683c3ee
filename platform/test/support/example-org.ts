import { resolve } from 'node:path';
import { openExample } from '../../src/seed/example-package.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';
import { afterAll, beforeAll } from 'vitest';
import { startTestPlatform, type TestPlatform } from './test-platform.js';

export const TELECOM_EXAMPLE = resolve(import.meta.dirname, '../../../examples/telecom-crm');

/** Imports the telecom example's organisation (units, roles, users), then publishes its metadata (whose layers belong to those units). */
export async function publishExampleWithOrg(lattice: TestPlatform): Promise<void> {
  const example = openExample(TELECOM_EXAMPLE);
  await lattice.org.importDocument(await example.org(), SYSTEM_ACTOR);
  await lattice.metadata.planAndPublish(await example.metadata(), { actor: SYSTEM_ACTOR });
}

/** A test platform for the enclosing describe, with the example's organisation and metadata published: call it at describe level. */
export function exampleWithOrg(): () => TestPlatform {
  let lattice: TestPlatform | undefined;
  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
  });
  afterAll(async () => {
    await lattice?.stop();
  });
  return () => {
    if (!lattice) throw new Error('The example platform has not started');
    return lattice;
  };
}

let serial = 0;
/** A valid customer input; `overrides` win. Each gets its own ID number. */
export function customerInput(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return { customerType: 'individual', customerClass: 'public', name, idType: 'passport', idNumber: `E${String(serial).padStart(8, '0')}`, ...overrides };
}

/** The example's users and their initial passwords, as `org/org.yaml` gives them. */
export async function exampleUsers(): Promise<Map<string, string>> {
  const org = (await openExample(TELECOM_EXAMPLE).org()) as { users: { login: string; password?: string }[] };
  return new Map(org.users.map((u) => [u.login, u.password ?? '']));
}

/** The record and admin APIs as one of the example's users, signed in over HTTP. */
export async function signedInAs(lattice: TestPlatform, login: string) {
  const password = (await exampleUsers()).get(login);
  if (!password) throw new Error(`The example has no user "${login}"`);
  const { accessToken } = await lattice.signIn(login, password);
  return lattice.as(accessToken);
}
