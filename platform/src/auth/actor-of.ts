import { SYSTEM_ACTOR, type Actor } from '../records/actor.js';
import type { AuthenticatedUser } from './authenticated-user.js';

/** The actor a signed-in user acts as (audit, `publishedBy`); the platform itself when no one signed in. */
export function actorOf(user: AuthenticatedUser | null): Actor {
  return user ? { id: user.userId, name: user.login } : SYSTEM_ACTOR;
}
