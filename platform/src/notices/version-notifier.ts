import pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Database } from '../database/database.js';

const CHANNEL = 'lattice_metadata_version';
const ORG_CHANNEL = 'lattice_org_changed';
/** Sent by the database itself (triggers of migration 20261203) whenever a session ends or a user stops being active. */
const SESSION_CHANNEL = 'lattice_session_ended';

/**
 * Tells other platform nodes that a version was published. On a Postgres
 * server: NOTIFY inside the publish transaction (delivered only if it
 * commits) and a LISTEN connection per node. The embedded Postgres serves
 * one process, which swaps its own API, so there is nothing to announce.
 * Changes of the organisation travel the same way, saying what changed: the
 * tree and roles (every node reloads them) or only some actors' shares
 * (every node drops those actors). A node ignores its own announcements: it
 * has already applied them.
 * Ends of sessions are announced by the database (triggers), on both kinds:
 * on the embedded one they come back on the pool's own connections.
 * If the listening connection breaks, listeners hear `{ kind: 'unheard' }`
 * (nothing is heard until it is back), `listening` turns false, and the
 * notifier reconnects (after `reconnectMs`, doubling up to 30 s); once
 * listening again it calls its `onReconnected` listeners, which catch up on
 * whatever was announced meanwhile.
 */
export interface VersionNotifier {
  announce(em: EntityManager, version: number): Promise<void>;
  onVersion(listener: (version: number) => void): void;
  announceOrgChange(em: EntityManager, change: OrgChange): Promise<void>;
  onOrgChange(listener: (change: OrgChange) => void): void;
  onSessionEnded(listener: (ended: SessionEnded) => void): void;
  /** False while the listening connection is down: announcements made meanwhile are missed until it reconnects. */
  readonly listening: boolean;
  /** Called each time the listening connection is back after a break. */
  onReconnected(listener: () => void): void;
  close(): Promise<void>;
}

export interface VersionNotifierOptions {
  /** Names the listening connection (`application_name`: `lattice-notify-<nodeId>`), for operators and tests. */
  readonly nodeId: string;
  /** First wait before reconnecting a broken listening connection (doubles on each failure, up to 30 s). */
  readonly reconnectMs: number;
}

const MAX_RECONNECT_MS = 30_000;

/** A session that ended, all sessions of a user who was disabled or deleted, or: notices can no longer be heard (`unheard`), or can again (`heard`). */
export type SessionEnded = { readonly kind: 'session'; readonly sessionId: string } | { readonly kind: 'user'; readonly userId: string } | { readonly kind: 'unheard' } | { readonly kind: 'heard' };

/** What changed in the organisation: the tree (units, users, positions, roles), or the shares of one user (null: of anyone). */
export type OrgChange = { readonly kind: 'tree' } | { readonly kind: 'shares'; readonly userId: string | null };

export async function createVersionNotifier(database: Database, options: VersionNotifierOptions): Promise<VersionNotifier> {
  const sessionListeners: Array<(ended: SessionEnded) => void> = [];
  const onSessionEnded = (listener: (ended: SessionEnded) => void) => void sessionListeners.push(listener);
  const sessionEnded = (payload: string | undefined) => {
    const { sessionId, userId } = JSON.parse(payload ?? '{}') as { sessionId?: string; userId?: string };
    const ended: SessionEnded | undefined = sessionId ? { kind: 'session', sessionId } : userId ? { kind: 'user', userId } : undefined;
    if (ended) for (const listener of sessionListeners) listener(ended);
  };
  if (database.embedded) {
    database.embeddedNotifications.on('notification', (message: pg.Notification) => {
      if (message.channel === SESSION_CHANNEL) sessionEnded(message.payload);
    });
    await database.pool.query(`listen ${SESSION_CHANNEL}`);
    return { announce: async () => undefined, onVersion: () => undefined, announceOrgChange: async () => undefined, onOrgChange: () => undefined, onSessionEnded, listening: true, onReconnected: () => undefined, close: async () => undefined };
  }
  const listeners: Array<(version: number) => void> = [];
  const orgListeners: Array<(change: OrgChange) => void> = [];
  const reconnectedListeners: Array<() => void> = [];
  const node = options.nodeId;
  const onNotification = (message: pg.Notification) => {
    if (message.channel === SESSION_CHANNEL) return sessionEnded(message.payload);
    if (message.channel === ORG_CHANNEL) {
      const { from, change } = JSON.parse(message.payload ?? '{}') as { from?: string; change?: OrgChange };
      if (from !== node && change) for (const listener of orgListeners) listener(change);
      return;
    }
    const version = Number(message.payload);
    if (Number.isInteger(version)) for (const listener of listeners) listener(version);
  };
  let client: pg.Client | undefined;
  let closing = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const next = new pg.Client({ ...database.connection, application_name: `lattice-notify-${options.nodeId}` });
    next.on('error', (error) => lost(next, error.message));
    next.on('end', () => lost(next, 'ended'));
    next.on('notification', onNotification);
    try {
      await next.connect();
      for (const channel of [CHANNEL, ORG_CHANNEL, SESSION_CHANNEL]) await next.query(`listen ${channel}`);
    } catch (error) {
      next.end().catch(() => undefined);
      throw error;
    }
    client = next;
  };
  // Only the current connection's first error or end counts: a client emits both, and a failed reconnect's client is already discarded.
  const lost = (which: pg.Client, reason: string) => {
    if (closing || which !== client) return;
    client = undefined;
    which.end().catch(() => undefined);
    console.warn(`lattice: notification connection closed (${reason}); reconnecting`);
    for (const listener of sessionListeners) listener({ kind: 'unheard' });
    reconnectAfter(options.reconnectMs);
  };
  const reconnectAfter = (delay: number) => {
    retry = setTimeout(() => {
      connect().then(
        () => {
          if (closing) return void client?.end();
          console.warn('lattice: notification connection restored');
          for (const listener of sessionListeners) listener({ kind: 'heard' });
          for (const listener of reconnectedListeners) listener();
        },
        (error: Error) => {
          if (closing) return;
          console.warn(`lattice: notification connection still down: ${error.message}`);
          reconnectAfter(Math.min(delay * 2, MAX_RECONNECT_MS));
        },
      );
    }, delay);
  };
  await connect();
  return {
    announce: async (em, version) => {
      await em.execute(`select pg_notify('${CHANNEL}', ?)`, [String(version)]);
    },
    onVersion: (listener) => void listeners.push(listener),
    announceOrgChange: async (em, change) => {
      await em.execute(`select pg_notify('${ORG_CHANNEL}', ?)`, [JSON.stringify({ from: node, change })]);
    },
    onOrgChange: (listener) => void orgListeners.push(listener),
    onSessionEnded,
    get listening() {
      return client !== undefined;
    },
    onReconnected: (listener) => void reconnectedListeners.push(listener),
    close: async () => {
      closing = true;
      clearTimeout(retry);
      await client?.end();
    },
  };
}
