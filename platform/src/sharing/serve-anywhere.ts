import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import type { ActorGrants } from '../security/actor-grants.js';
import type { ServeAnywherePolicy } from '../security/permission-document.js';
import { logAccess } from './access-log.js';
import { assertReason } from './record-sharing.js';
import { AccessLogEntity, RecordShareEntity } from '../security/sharing-entities.js';

export interface ServeGrant {
  entity: string;
  recordId: string;
  expiresAt: string;
  access: 'read' | 'update';
}

/**
 * Serve anywhere: a counter operator or agent who identifies a customer from
 * outside their scope by an exact combination of identifiers (as their
 * role's policy says) gets a time-limited share of that record, with the
 * reason they gave. Every grant and every refusal is logged for the owning
 * unit and auditors. A refusal says the same whatever did not match, so the
 * identifiers cannot be probed one at a time; too many refusals in a window
 * stop further tries.
 */
export async function serveAnywhere(
  em: EntityManager,
  schemas: RecordSchemas,
  entity: CompiledEntity,
  actor: { id: string | null; name: string; grants: ActorGrants },
  match: Record<string, unknown>,
  reason: string,
): Promise<ServeGrant> {
  const policies = actor.grants.serveAnywhere(entity.key);
  if (!actor.id || policies.length === 0) throw LatticeError.operationForbidden(entity.name, 'serve (from outside your scope)');
  assertReason(reason);
  const given = Object.keys(match).sort();
  const policy = policyFor(entity, policies, given);
  const where: Record<string, unknown> = { deletedAt: null };
  for (const name of given) {
    const field = entity.fieldByName(name) as NonNullable<ReturnType<CompiledEntity['fieldByName']>>;
    const decoded = field.type.decode(match[name], field.settings);
    if (!decoded.ok) throw LatticeError.invalidInput(`match.${name}`, `${field.name}: ${decoded.message}`, decoded.hint);
    where[name] = decoded.value;
  }
  return em.transactional(async (tx) => {
    await refuseWhenProbing(tx as EntityManager, actor.id as string, entity.key, policy);
    // The platform's own query, outside the actor's scope: finding the record is what the identifiers earn.
    const rows = (await tx.find(schemas.of(entity), where as never, { limit: 2, fields: ['id', 'orgUnitId'] as never, disableIdentityMap: true })) as { id: string; orgUnitId: string | null }[];
    const base = { userId: actor.id, login: actor.name, entityKey: entity.key, reason, details: { identifiedBy: given } };
    if (rows.length !== 1) {
      // The units whose records match one of the identifiers learn that someone tried: the one who tried learns nothing.
      const near = (await tx.find(schemas.of(entity), { $or: given.map((name) => ({ [name]: where[name] })), deletedAt: null } as never, { limit: 20, fields: ['id', 'orgUnitId'] as never, disableIdentityMap: true })) as { orgUnitId: string | null }[];
      logAccess(tx as EntityManager, { ...base, kind: 'serve-refused', recordIds: [], unitIds: [...new Set(near.flatMap((r) => r.orgUnitId ?? []))] });
      await tx.flush();
      return null;
    }
    const record = rows[0] as { id: string; orgUnitId: string | null };
    const expiresAt = new Date(Date.now() + policy.minutes * 60_000);
    tx.create(RecordShareEntity, { id: randomUUID(), entityKey: entity.key, recordId: record.id, userId: actor.id, unitId: null, access: policy.access, kind: 'serve', reason, grantedBy: actor.name, grantedAt: new Date(), expiresAt });
    logAccess(tx as EntityManager, { ...base, kind: 'serve-anywhere', recordIds: [record.id], unitIds: record.orgUnitId ? [record.orgUnitId] : [], details: { identifiedBy: given, expiresAt: expiresAt.toISOString() } });
    return { entity: entity.name, recordId: record.id, expiresAt: expiresAt.toISOString(), access: policy.access };
  }).then((grant) => {
    // Thrown after the transaction so that the refusal stays logged.
    if (!grant) throw LatticeError.notFound(`No ${entity.name} matches these identifiers`);
    return grant;
  });
}

function policyFor(entity: CompiledEntity, policies: ServeAnywherePolicy[], given: string[]): ServeAnywherePolicy {
  const names = (keys: string[]) => keys.map((k) => entity.fieldByKey(k)?.name ?? k).sort();
  const policy = policies.find((p) => p.identify.some((set) => names(set).join(',') === given.join(',')));
  if (!policy) {
    const allowed = policies.flatMap((p) => p.identify.map((set) => names(set).join(' + ')));
    throw LatticeError.invalidInput('match', `Identify the ${entity.name} with exactly one of: ${[...new Set(allowed)].join('; ')}`);
  }
  return policy;
}

/** Advisory lock class of serve-anywhere attempts (the second key is the user and entity). */
const SERVE_ATTEMPT_LOCK = 7_424_512;

/**
 * Counts the refusals in the window and decides, under a transaction lock
 * per user and entity held until the attempt's refusal is committed: parallel
 * attempts of one user wait for each other, so no more than the limit are
 * ever evaluated, on any number of nodes (other users are not held up).
 */
async function refuseWhenProbing(em: EntityManager, userId: string, entityKey: string, policy: ServeAnywherePolicy): Promise<void> {
  if (!policy.refusals) return;
  await em.execute(`select pg_advisory_xact_lock(?::int, hashtext(?))`, [SERVE_ATTEMPT_LOCK, `${userId}:${entityKey}`]);
  const since = new Date(Date.now() - policy.refusals.windowMinutes * 60_000);
  const refused = await em.count(AccessLogEntity, { userId, entityKey, kind: 'serve-refused', at: { $gte: since } });
  if (refused >= policy.refusals.limit) throw LatticeError.tooManyAttempts(`${refused} identifications were refused in the last ${policy.refusals.windowMinutes} minutes`, policy.refusals.windowMinutes);
}
