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
 * Changes of the organisation (units, positions, roles) travel the same way,
 * so that every node drops the actors and the tree it cached.
 */
export interface VersionNotifier {
  announce(em: EntityManager, version: number): Promise<void>;
  onVersion(listener: (version: number) => void): void;
  announceOrgChange(em: EntityManager): Promise<void>;
  onOrgChange(listener: () => void): void;
  close(): Promise<void>;
}

export async function createVersionNotifier(database: Database): Promise<VersionNotifier> {
  if (database.embedded) {
    return { announce: async () => undefined, onVersion: () => undefined, announceOrgChange: async () => undefined, onOrgChange: () => undefined, close: async () => undefined };
  }
  const listeners: Array<(version: number) => void> = [];
  const orgListeners: Array<() => void> = [];
  const client = new pg.Client(database.connection);
  await client.connect();
  client.on('error', (error) => console.warn(`lattice: version notification connection closed: ${error.message}`));
  client.on('notification', (message) => {
    if (message.channel === ORG_CHANNEL) {
      for (const listener of orgListeners) listener();
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
    announceOrgChange: async (em) => {
      await em.execute(`select pg_notify('${ORG_CHANNEL}', '')`);
    },
    onOrgChange: (listener) => void orgListeners.push(listener),
    close: async () => {
      await client.end();
    },
  };
}
