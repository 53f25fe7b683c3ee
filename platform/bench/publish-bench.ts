import type { MetadataSet } from '@lattice/runtime';
import type { LatticePlatform } from '../src/app/lattice-platform.js';
import { SYSTEM_ACTOR } from '../src/security/actor.js';

/**
 * Adds an entity, fills it with 1M rows through SQL (fast, not what is
 * measured), then measures plan and publish of one new optional field.
 */
export async function benchPublishOnMillionRows(platform: LatticePlatform): Promise<{ fillMs: number; planMs: number; publishMs: number }> {
  const source = structuredClone(platform.live.current.model.source) as MetadataSet;
  source.entities.push({
    kind: 'entity',
    key: 'usage_record',
    name: 'UsageRecord',
    fields: [
      { key: 'msisdn', name: 'msisdn', type: 'text', maxLength: 20, required: true },
      { key: 'minutes', name: 'minutes', type: 'integer' },
    ],
  });
  await platform.metadata.planAndPublish(source, { actor: SYSTEM_ACTOR });
  const t0 = performance.now();
  await platform.database.pool.query(
    `insert into usage_record (id, msisdn, minutes, created_at, updated_at, version)
     select gen_random_uuid(), '1890000' || lpad(g::text, 4, '0'), g % 600, now(), now(), 1 from generate_series(1, 1000000) g`,
  );
  const fillMs = performance.now() - t0;
  source.entities.at(-1)?.fields.push({ key: 'roaming', name: 'roaming', type: 'boolean' });
  const t1 = performance.now();
  const plan = await platform.metadata.plan(source);
  const planMs = performance.now() - t1;
  const t2 = performance.now();
  await platform.metadata.publish(source, { actor: SYSTEM_ACTOR, planHash: plan.hash, baseVersion: plan.fromVersion });
  const publishMs = performance.now() - t2;
  return { fillMs, planMs, publishMs };
}
