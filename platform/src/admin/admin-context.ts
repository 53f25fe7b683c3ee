import type { Actor } from '../records/actor.js';

/** Per-request context of the admin API: who is acting. */
export interface AdminContext {
  actor: Actor;
}
