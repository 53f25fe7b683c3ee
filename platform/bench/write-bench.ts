import { randomUUID } from 'node:crypto';
import type { MetadataSet } from '@lattice/runtime';
import type pg from 'pg';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import { SYSTEM_ACTOR } from '../src/security/actor.js';
import { inTransaction } from '../src/seed/load-seed.js';
import { measure, type Measurement } from './measure.js';

const ITERATIONS = Number(process.env['BENCH_WRITES'] ?? 1000);

/**
 * A create and an update of one record through the access point's write
 * pipeline (every step, the hooks of the node included, one transaction),
 * against the same INSERT or UPDATE plus its audit row written through
 * `pg` in a transaction of its own, with none of the steps. In process,
 * one write at a time: what the pipeline adds to a write, not HTTP.
 */
export async function benchWrites(platform: LatticePlatform, raw: pg.Pool): Promise<Measurement[][]> {
  const source = structuredClone(platform.live.current.model.source) as MetadataSet;
  source.entities.push({
    kind: 'entity',
    key: 'bench_ticket',
    name: 'BenchTicket',
    fields: [
      { key: 'subject', name: 'subject', type: 'text', maxLength: 100, required: true },
      { key: 'priority', name: 'priority', type: 'picklist', default: 'normal', options: [{ value: 'low' }, { value: 'normal' }, { value: 'high' }] },
      { key: 'amount', name: 'amount', type: 'money', min: 0 },
      { key: 'body', name: 'body', type: 'longText' },
    ],
  } as never);
  await platform.metadata.planAndPublish(source, { actor: SYSTEM_ACTOR });
  const metadataVersion = platform.live.current.version;
  const created: { id: string; version: number }[] = [];
  const pipelineCreate = await measure('create through the pipeline', ITERATIONS, 1, async (i) => {
    const record = await platform.access().create('BenchTicket', { subject: `Ticket ${i}`, priority: 'high', amount: '12.50', body: 'A line of text' });
    created[i] = { id: record.id, version: Number(record['version']) };
  });
  const sqlIds: string[] = [];
  const sqlCreate = await measure('reference: INSERT + audit row (pg)', ITERATIONS, 1, async (i) => {
    const id = randomUUID();
    sqlIds[i] = id;
    await inTransaction(raw, async (client) => {
      await client.query(`insert into bench_ticket (id, subject, priority, amount, body, created_at, updated_at, version) values ($1, $2, 'high', '12.50', 'A line of text', now(), now(), 1)`, [id, `Ticket ${i}`]);
      await client.query(`insert into lattice_audit_entry (at, actor, action, entity, record_id, record_version, metadata_version, changes) values (now(), 'bench', 'create', 'bench_ticket', $1, 1, $2, $3)`, [id, metadataVersion, JSON.stringify({ subject: { before: null, after: `Ticket ${i}` } })]);
    });
  });
  const pipelineUpdate = await measure('update through the pipeline', ITERATIONS, 1, async (i) => {
    const target = created[i % created.length] as { id: string; version: number };
    const record = await platform.access().update('BenchTicket', target.id, target.version, { subject: `Ticket ${i} changed`, amount: String(i % 100) });
    target.version = Number(record['version']);
  });
  const sqlUpdate = await measure('reference: UPDATE + audit row (pg)', ITERATIONS, 1, async (i) => {
    const id = sqlIds[i % sqlIds.length];
    await inTransaction(raw, async (client) => {
      const { rows } = await client.query<{ version: number }>(`select version from bench_ticket where id = $1 for update`, [id]);
      const version = Number(rows[0]?.version ?? 0) + 1;
      await client.query(`update bench_ticket set subject = $2, amount = $3, updated_at = now(), version = $4 where id = $1`, [id, `Ticket ${i} changed`, String(i % 100), version]);
      await client.query(`insert into lattice_audit_entry (at, actor, action, entity, record_id, record_version, metadata_version, changes) values (now(), 'bench', 'update', 'bench_ticket', $1, $2, $3, $4)`, [id, version, metadataVersion, JSON.stringify({ subject: { before: null, after: `Ticket ${i} changed` } })]);
    });
  });
  return [
    [pipelineCreate, sqlCreate],
    [pipelineUpdate, sqlUpdate],
  ];
}
