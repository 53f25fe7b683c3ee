import type { MetadataSet } from '@lattice/runtime';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import { SYSTEM_ACTOR } from '../src/security/actor.js';
import type { LoadClient } from './load-jobs.js';
import { formatRow, measure, type Measurement } from './measure.js';

const ITERATIONS = Number(process.env['BENCH_TRANSITIONS'] ?? 1000);
/** The subject and its reference run alternately, in this many rounds each, so a change of load hits both alike. */
const ROUNDS = Math.max(1, Number(process.env['BENCH_TRANSITION_ROUNDS'] ?? 4));
const RECORDS = 100;
const WARM_UP = 50;

const FIELDS = [
  { key: 'subject', name: 'subject', type: 'text', maxLength: 100, required: true },
  { key: 'case_status', name: 'status', type: 'text', maxLength: 48 },
  { key: 'note', name: 'note', type: 'text', maxLength: 100 },
];

const FIRE = 'mutation($id: ID!, $version: Int!, $transition: String!, $input: JSON) { fireTransition(entity: "BenchCase", id: $id, version: $version, transition: $transition, input: $input) { state } }';
const UPDATE = 'mutation($id: ID!, $version: Int!, $note: String) { updateBenchPlain(id: $id, version: $version, input: { note: $note }) { id version } }';

export interface TransitionBench {
  /** Over HTTP from the load client: `fireTransition` against the twin's generated update. */
  readonly api: { readonly transition: Measurement; readonly update: Measurement };
  /** Through the access point, in the platform's process: the transition, the twin's update, the same entity's update. */
  readonly inProcess: { readonly transition: Measurement; readonly update: Measurement; readonly sameEntity: Measurement };
}

/** A record the benchmark writes, with the version and state its next write expects. */
interface Target {
  readonly id: string;
  version: number;
  state: string;
}

/**
 * A workflow transition against the same update without a workflow: the
 * case entity follows a two-state workflow (a time limit on each state, a
 * guard on one transition); its twin has the same fields and none. Each
 * write changes one field of one of 100 records, one at a time. Through the
 * API: the record API's `fireTransition` over HTTP against the twin's
 * generated update mutation, sent by the load client from its own process.
 * In process: the same through the access point, and the case entity's own
 * update without a transition (which still locks its instance).
 */
export async function benchTransitions(platform: LatticePlatform, client: LoadClient, token: string): Promise<TransitionBench> {
  await publishBenchEntities(platform);
  const cases = await createTargets(platform, 'BenchCase');
  const plains = await createTargets(platform, 'BenchPlain');
  const url = `${platform.url}/graphql`;
  // Bodies are written ahead with the version each record will have when its turn comes: one client, in order, each sent once.
  const fireBodies = (count: number) => Array.from({ length: count }, (_, i) => {
    const target = cases[i % cases.length] as Target;
    const transition = target.state === 'open' ? 'work' : 'reopen';
    const body = JSON.stringify({ query: FIRE, variables: { id: target.id, version: target.version, transition, input: { note: `a${target.version}` } } });
    target.version += 1;
    target.state = target.state === 'open' ? 'worked' : 'open';
    return body;
  });
  const updateBodies = (count: number) => Array.from({ length: count }, (_, i) => {
    const target = plains[i % plains.length] as Target;
    const body = JSON.stringify({ query: UPDATE, variables: { id: target.id, version: target.version, note: `a${target.version}` } });
    target.version += 1;
    return body;
  });
  const http = (label: string, bodies: string[]) => client.run({ kind: 'http', label, iterations: bodies.length, concurrency: 1, url, method: 'POST', token, bodies, warmUp: 0 });
  await http('warm-up', fireBodies(WARM_UP));
  await http('warm-up', updateBodies(WARM_UP));

  const perRound = Math.max(1, Math.round(ITERATIONS / ROUNDS));
  const api = await alternate(perRound, [
    () => http('API    fireTransition (HTTP)', fireBodies(perRound)),
    () => http('API    update of the twin, no workflow', updateBodies(perRound)),
  ]);

  const fire = (i: number) => async () => {
    const target = cases[i % cases.length] as Target;
    const record = await platform.access().update('BenchCase', target.id, target.version, { note: `n${target.version}` }, { kind: 'workflow.transition', transition: target.state === 'open' ? 'work' : 'reopen' } as never);
    target.version = Number(record['version']);
    target.state = String(record['status']);
  };
  const update = (entity: string, targets: Target[]) => (i: number) => async () => {
    const target = targets[i % targets.length] as Target;
    const record = await platform.access().update(entity, target.id, target.version, { note: `n${target.version}` });
    target.version = Number(record['version']);
  };
  const inProcess = await alternate(perRound, [
    () => measure('access point: transition', perRound, 1, (i) => fire(i)()),
    () => measure('access point: update of the twin, no workflow', perRound, 1, (i) => update('BenchPlain', plains)(i)()),
    () => measure('access point: update of the case, no transition', perRound, 1, (i) => update('BenchCase', cases)(i)()),
  ]);
  return {
    api: { transition: api[0] as Measurement, update: api[1] as Measurement },
    inProcess: { transition: inProcess[0] as Measurement, update: inProcess[1] as Measurement, sameEntity: inProcess[2] as Measurement },
  };
}

export function printTransitionBench(where: string, bench: TransitionBench): void {
  const ratio = (label: string, subject: Measurement, reference: Measurement) =>
    console.log(`${`  ratio ${label}`.padEnd(52)} ${(reference.requestsPerSecond / subject.requestsPerSecond).toFixed(2)}× fewer per second   (p50 ${(subject.p50 / reference.p50).toFixed(2)}×; aim: within 1.5×)`);
  console.log(`## Workflow transitions against the same update without a workflow, ${where} (one at a time, ${ROUNDS} alternating rounds)`);
  console.log(formatRow(bench.api.transition));
  console.log(formatRow(bench.api.update));
  ratio('API: transition / update', bench.api.transition, bench.api.update);
  console.log(formatRow(bench.inProcess.transition));
  console.log(formatRow(bench.inProcess.update));
  console.log(formatRow(bench.inProcess.sameEntity));
  ratio('access point: transition / twin update', bench.inProcess.transition, bench.inProcess.update);
  ratio('access point: transition / case update', bench.inProcess.transition, bench.inProcess.sameEntity);
  console.log('');
}

/** Runs each measurement `ROUNDS` times, taking turns, and folds each one's rounds: throughput over all, p50 the rounds' median, p99 the worst. */
async function alternate(perRound: number, runs: (() => Promise<Measurement>)[]): Promise<Measurement[]> {
  const rounds: Measurement[][] = runs.map(() => []);
  for (let r = 0; r < ROUNDS; r++) for (const [i, run] of runs.entries()) rounds[i]?.push(await run());
  return rounds.map((of) => {
    const seconds = of.reduce((sum, m) => sum + perRound / m.requestsPerSecond, 0);
    const p50s = of.map((m) => m.p50).sort((a, b) => a - b);
    return { label: of[0]?.label ?? '', requestsPerSecond: (perRound * of.length) / seconds, p50: p50s[Math.floor(p50s.length / 2)] ?? 0, p99: Math.max(...of.map((m) => m.p99)) };
  });
}

async function publishBenchEntities(platform: LatticePlatform): Promise<void> {
  const source = structuredClone(platform.live.current.model.source) as MetadataSet & { workflows?: unknown[] };
  source.entities.push({ kind: 'entity', key: 'bench_case', name: 'BenchCase', fields: FIELDS } as never);
  source.entities.push({ kind: 'entity', key: 'bench_plain', name: 'BenchPlain', fields: FIELDS } as never);
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
}

async function createTargets(platform: LatticePlatform, entity: string): Promise<Target[]> {
  const targets: Target[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const record = await platform.access().create(entity, { subject: `Case ${i}` });
    targets.push({ id: record.id, version: Number(record['version']), state: 'open' });
  }
  return targets;
}
