import { ActorGrants } from './actor-grants.js';

/**
 * Who is acting: a signed-in user with the grants of the positions they
 * hold, or the platform itself (seeds, the CLI's local commands, jobs).
 */
export interface Actor {
  /** The user's id; null for the platform itself. */
  readonly id: string | null;
  /** Shown in the audit log. */
  readonly name: string;
  readonly grants: ActorGrants;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', grants: ActorGrants.unrestricted() };
