import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * `lattice_timer` as the ORM sees it (migration `20261206-timers`, with
 * `left_at` and `used_ms` from `20261207-sla-figures`). The engine writes it
 * in SQL; the schema is declared so the drift check compares the migrated
 * table with it (`test/e2e/platform-table-drift.spec.ts`).
 */
export const TimerEntity = new EntitySchema<Record<string, unknown>>({
  name: 'LatticeTimer',
  tableName: 'lattice_timer',
  properties: {
    id: { type: 'uuid', primary: true },
    kind: { type: 'string', length: 64 },
    subject: { type: 'string', length: 200 },
    purpose: { type: 'string', length: 200 },
    dueAt: { type: 'datetime', columnType: 'timestamptz' },
    state: { type: 'string', length: 16, default: 'scheduled' },
    payload: { type: 'json', default: "'{}'" },
    attempt: { type: 'integer', default: 0 },
    lastError: { type: 'text', nullable: true },
    remainingMs: { type: 'bigint', nullable: true },
    createdAt: { type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' },
    firedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    cancelledAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    leftAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
    usedMs: { type: 'bigint', nullable: true },
  },
  uniques: [{ name: 'lattice_timer__purpose', properties: ['subject', 'purpose'] }],
});

export const TIMER_ENTITIES = [TimerEntity];
