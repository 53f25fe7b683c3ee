import { LatticeError } from '../errors/lattice-error.js';
import type { AccessParts } from '../records/access-parts.js';
import { accessPart } from '../records/access-part.js';
import { queryAudit, type AuditPage, type AuditQuery } from './audit-log.js';

/** An owner id no record has (an actor who is no one owns nothing). */
const NO_ONE = '00000000-0000-0000-0000-000000000000';

/** The audit module's verbs on the access point. */
export interface AuditVerbs {
  /** The audit entries the actor may read, cut to the fields they may read. */
  audit(query: AuditQuery): Promise<AuditPage>;
}

/** `access.part(AUDIT)`: registered by the composition root with `auditVerbs`. */
export const AUDIT = accessPart<AuditVerbs>('audit');

export function auditVerbs(parts: AccessParts): AuditVerbs {
  return { audit: (query) => auditFor(parts, query) };
}

/**
 * The audit log: entries of the records the actor may read with
 * `audit.read`; without it, only of the records they own (and may read).
 * Entries are cut to the fields the actor may read; what they show is told to the read log.
 */
async function auditFor(parts: AccessParts, query: AuditQuery): Promise<AuditPage> {
  const page = await auditPage(parts, query);
  await parts.revealed.auditEntries(page.entries);
  return page;
}

async function auditPage(parts: AccessParts, query: AuditQuery): Promise<AuditPage> {
  const { em, model, guard, actor, options } = parts;
  if (guard.unrestricted) return queryAudit(em, model, query, options.maxPageSize);
  if (!query.entity) throw LatticeError.invalidInput('entity', 'Name the entity whose audit entries you want', 'Your roles see the audit entries of the records they may read');
  const entity = parts.authorize(query.entity, 'read');
  const auditor = actor.grants.has('audit.read');
  return queryAudit(em, model, query, options.maxPageSize, {
    scope: guard.scope(entity, 'read'),
    ...(auditor ? {} : { ownedBy: actor.id ?? NO_ONE }),
    readable: (name) => guard.fieldNameReadable(entity, name),
  });
}
