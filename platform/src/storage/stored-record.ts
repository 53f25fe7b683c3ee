/** A record as the access point returns it: stored fields by name, references as target ids. */
export type StoredRecord = Record<string, unknown> & { id: string; version: number };
