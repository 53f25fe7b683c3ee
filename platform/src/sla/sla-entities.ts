import { EntitySchema } from '@mikro-orm/postgresql';

/** `lattice_sla_escalation` as the ORM sees it (migration `20261206-timers`): declared for the drift check, written in SQL. */
export const SlaEscalationEntity = new EntitySchema<Record<string, unknown>>({
  name: 'LatticeSlaEscalation',
  tableName: 'lattice_sla_escalation',
  properties: {
    id: { type: 'uuid', primary: true },
    timerId: { type: 'uuid' },
    entityKey: { type: 'string', length: 48 },
    recordId: { type: 'string', length: 64 },
    step: { type: 'string', length: 100 },
    kind: { type: 'string', length: 16 },
    level: { type: 'integer' },
    targetUserId: { type: 'uuid', nullable: true },
    targetUnitId: { type: 'uuid', nullable: true },
    target: { type: 'json' },
    dueAt: { type: 'datetime', columnType: 'timestamptz' },
    raisedAt: { type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' },
    readAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
});

export const SLA_ENTITIES = [SlaEscalationEntity];
