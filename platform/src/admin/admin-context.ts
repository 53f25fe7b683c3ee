import type { Actor } from '../security/actor.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';

/** Per-request context of the admin API: who signed in, and the actor they act as (their grants). */
export interface AdminContext {
  actor: Actor;
  user: AuthenticatedUser;
}
