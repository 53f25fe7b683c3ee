import type { MetadataSet } from '@lattice/runtime';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import { SYSTEM_ACTOR } from '../src/security/actor.js';
import { measure, type Measurement } from './measure.js';

const ITERATIONS = Number(process.env['BENCH_TRANSITIONS'] ?? 1000);

/**
 * A transition through the access point (the write pipeline with the
 * workflow steps: the instance locked, who may fire, the guard, the state,
 * the history row, the state events) against a plain update of the same
 * fields of the same entity through the same pipeline. In process, one at a
 * time, each record alternating between two states.
 */
export async function benchTransitions(platform: LatticePlatform): Promise<[Measurement, Measurement]> {
  const source = structuredClone(platform.live.current.model.source) as MetadataSet & { workflows?: unknown[] };
  source.entities.push({
    kind: 'entity',
    key: 'bench_case',
    name: 'BenchCase',
    fields: [
      { key: 'subject', name: 'subject', type: 'text', maxLength: 100, required: true },
      { key: 'case_status', name: 'status', type: 'text', maxLength: 48 },
      { key: 'note', name: 'note', type: 'text', maxLength: 100 },
    ],
  } as never);
  source.workflows = [
    ...(source.workflows ?? []),
    {
      kind: 'workflow',
      key: 'bench_case_flow',
      entity: 'bench_case',
      stateField: 'status',
      initial: 'open',
      states: [{ key: 'open', timeLimit: { hours: 4 } }, { key: 'worked', timeLimit: { hours: 8 } }],
      transitions: [
        { key: 'work', from: 'open', to: 'worked', guard: { all: [{ fact: 'subject', operator: 'notEqual', value: '' }] } },
        { key: 'reopen', from: 'worked', to: 'open' },
      ],
    },
  ];
  await platform.metadata.planAndPublish(source, { actor: SYSTEM_ACTOR });
  const records: { id: string; version: number; state: string }[] = [];
  for (let i = 0; i < 100; i++) {
    const record = await platform.access().create('BenchCase', { subject: `Case ${i}` });
    records.push({ id: record.id, version: Number(record['version']), state: 'open' });
  }
  const transitions = await measure('transition through the pipeline', ITERATIONS, 1, async (i) => {
    const target = records[i % records.length] as { id: string; version: number; state: string };
    const transition = target.state === 'open' ? 'work' : 'reopen';
    const record = await platform.access().update('BenchCase', target.id, target.version, { note: `n${i}` }, { kind: 'workflow.transition', transition } as never);
    target.version = Number(record['version']);
    target.state = String(record['status']);
  });
  const updates = await measure('reference: the same update, no transition', ITERATIONS, 1, async (i) => {
    const target = records[i % records.length] as { id: string; version: number };
    const record = await platform.access().update('BenchCase', target.id, target.version, { note: `u${i}` });
    target.version = Number(record['version']);
  });
  return [transitions, updates];
}
