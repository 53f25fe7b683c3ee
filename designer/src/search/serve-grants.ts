/** A serve-anywhere grant the user holds in this tab: which record, until when. */
export interface HeldGrant {
  readonly entity: string;
  readonly recordId: string;
  readonly expiresAt: string;
}

const key = (entity: string, id: string) => `lattice.serve.${entity}.${id}`;

/** Kept for the tab's life, so the record page can show the time the grant has left. */
export function rememberServeGrant(grant: HeldGrant): void {
  sessionStorage.setItem(key(grant.entity, grant.recordId), JSON.stringify(grant));
}

export function serveGrantOf(entity: string, id: string): HeldGrant | undefined {
  const raw = sessionStorage.getItem(key(entity, id));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as HeldGrant;
  } catch {
    return undefined;
  }
}
