/**
 * Who is acting. Sign-in and permissions come with the organisation issue;
 * until then every request acts as the platform itself, and the access point
 * is where their checks will sit.
 */
export interface Actor {
  readonly id: string | null;
  readonly name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };
