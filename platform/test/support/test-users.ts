import { randomUUID } from 'node:crypto';
import type { TestPlatform } from './test-platform.js';

/** A user in `lattice_user` (the organisation's table) with a password set through the sign-in module. */
export async function createTestUser(platform: TestPlatform, login: string, password: string, status: 'active' | 'disabled' = 'active'): Promise<string> {
  const id = randomUUID();
  await platform.sql(`insert into lattice_user (id, login, display_name, status, created_at, updated_at) values ($1, $2, $3, $4, now(), now())`, [id, login, `User ${login}`, status]);
  await platform.auth.setPassword(id, password);
  return id;
}
