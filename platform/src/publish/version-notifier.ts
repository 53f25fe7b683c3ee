import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Database } from '../database/database.js';

const CHANNEL = 'lattice_metadata_version';
const ORG_CHANNEL = 'lattice_org_changed';

/**
 * Tells other platform nodes that a version was published. On a Postgres
 * server: NOTIFY inside the publish transaction (delivered only if it
 * commits) and a LISTEN connection per node. The embedded Postgres serves
 * one process, which swaps its own API, so there is nothing to announce.
 * Changes of the organisation travel the same way, saying what changed: the
 * tree and roles (every node reloads them) or only some actors' shares
 * (every node drops those actors). A node ignores its own announcements: it
 * has already applied them.
 */
export interface VersionNotifier {
  announce(em: EntityManager, version: number): Promise<void>;
  onVersion(listener: (version: number) => void): void;
  announceOrgChange(em: EntityManager, change: OrgChange): Promise<void>;
  onOrgChange(listener: (change: OrgChange) => void): void;
  close(): Promise<void>;
}

/** What changed in the organisation: the tree (units, users, positions, roles), or the shares of one user (null: of anyone). */
export type OrgChange = { readonly kind: 'tree' } | { readonly kind: 'shares'; readonly userId: string | null };

export async function createVersionNotifier(database: Database): Promise<VersionNotifier> {
  if (database.embedded) {
    return { announce: async () => undefined, onVersion: () => undefined, announceOrgChange: async () => undefined, onOrgChange: () => undefined, close: async () => undefined };
  }
  const listeners: Array<(version: number) => void> = [];
  const orgListeners: Array<(change: OrgChange) => void> = [];
  const node = randomUUID();
  const client = new pg.Client(database.connection);
  await client.connect();
  client.on('error', (error) => console.warn(`lattice: version notification connection closed: ${error.message}`));
  client.on('notification', (message) => {
    if (message.channel === ORG_CHANNEL) {
      const { from, change } = JSON.parse(message.payload ?? '{}') as { from?: string; change?: OrgChange };
      if (from !== node && change) for (const listener of orgListeners) listener(change);
      return;
    }
    const version = Number(message.payload);
    if (Number.isInteger(version)) for (const listener of listeners) listener(version);
  });
  await client.query(`listen ${CHANNEL}`);
  await client.query(`listen ${ORG_CHANNEL}`);
  return {
    announce: async (em, version) => {
      await em.execute(`select pg_notify('${CHANNEL}', ?)`, [String(version)]);
    },
    onVersion: (listener) => void listeners.push(listener),
    announceOrgChange: async (em, change) => {
      await em.execute(`select pg_notify('${ORG_CHANNEL}', ?)`, [JSON.stringify({ from: node, change })]);
    },
    onOrgChange: (listener) => void orgListeners.push(listener),
    close: async () => {
      await client.end();
    },
  };
}
