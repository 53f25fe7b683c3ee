import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { CompiledModel } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { Actor } from '../security/actor.js';
import { entityGrantSchema, permissionDocumentSchema } from '../security/permission-document.js';
import type { OrgDirectory } from './org-directory.js';
import { RoleEntity, type RoleRow } from './org-entities.js';
import { checkOrgEditScope } from './org-edit-scope.js';
import { importOrg, parseOrgDocument } from './org-import.js';

/**
 * One entity's grant of one role set (or removed with `grant: null`), the
 * rest of the role kept: the roles screen's edit. An org file replaces whole
 * roles, so two admins granting different entities of one role at once would
 * lose one grant; here the role's row is locked for the transaction and each
 * edit applies to the role as the one before it left it. The edit is the same
 * org change as a file's, bounded by the same grant checks (nobody grants more
 * than they hold) and recorded in the role's `updatedBy` and `updatedAt`.
 */
export async function editRoleEntity(em: EntityManager, edit: { role: string; entity: string; grant: unknown }, actor: Actor, directory: OrgDirectory, model: CompiledModel | undefined): Promise<RoleRow> {
  const grant = edit.grant === null ? null : parseGrant(edit.grant);
  if (grant) checkGrantAgainstModel(model, edit.entity, grant.fields);
  const row = await em.findOne(RoleEntity, { key: edit.role }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw LatticeError.notFound(`Role ${edit.role}`);
  const current = permissionDocumentSchema.parse(row.permissions);
  const { [edit.entity]: _replaced, ...others } = current.entities;
  const permissions = { ...current, entities: grant ? { ...others, [edit.entity]: grant } : others };
  const doc = parseOrgDocument({ roles: [{ key: row.key, label: row.label, ...(row.description ? { description: row.description } : {}), permissions }] });
  await checkOrgEditScope(em, doc, actor.grants, directory);
  await importOrg(em, doc, actor.name);
  return em.findOneOrFail(RoleEntity, { key: edit.role }, { refresh: true });
}

function parseGrant(input: unknown) {
  const parsed = entityGrantSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw LatticeError.invalidInput(['grant', ...(issue?.path ?? [])].join('.'), `The grant is not valid: ${issue?.message ?? 'unknown problem'}`);
}

/** A grant names an entity and fields the served metadata has (or `*`): a typo would otherwise grant nothing, silently. */
function checkGrantAgainstModel(model: CompiledModel | undefined, entityKey: string, fields: Record<string, string>): void {
  if (!model || entityKey === '*') return;
  const entity = model.entityByKey(entityKey);
  if (!entity) throw LatticeError.invalidInput('entity', `There is no entity "${entityKey}" in the published metadata`, 'Publish the entity before granting it');
  for (const key of Object.keys(fields)) {
    if (key !== '*' && !entity.fieldByKey(key)) throw LatticeError.invalidInput(`grant.fields.${key}`, `Entity "${entityKey}" has no field "${key}" in the published metadata`);
  }
}
