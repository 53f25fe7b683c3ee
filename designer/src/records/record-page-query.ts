import { lowerFirst, upperFirst } from '@lattice/runtime';
import type { MetadataEntity } from '../shell/console-metadata.js';
import { entityByKey, fieldRole, titleFieldOf, valueFields } from './record-fields.js';
import type { ServedFormData } from './served-form.js';
import type { Language } from '../i18n/messages.js';
import { statusField, type WorkflowStatus } from '../workflows/workflow-queries.js';

/** The form as the typed `forms` query serves it, the shape `served-form.ts` turns back into a form document. */
const FORM_SELECTION = `key entity label isDefault audience conditions layer
    tabs { key label sections { key label columns readOnly visible relatedList
      fields { field label help placeholder widget visible required readOnly readOnlyAfterCreate invalid options } } }`;

const AUDIT_SELECTION = 'hasNextPage entries { id at actor action recordVersion changes }';

/** How many audit entries the page shows; older ones come with "more". */
export const AUDIT_PAGE = 20;

/**
 * The one query of a record page: the record (every field the user may
 * read, each reference with its title, each related list with its target's
 * one-value fields), the entity's forms for the user's unit, and the
 * newest audit entries. Everything is known from the metadata the shell
 * already holds, so nothing waits for another answer (no waterfall). A new
 * record asks only for the forms.
 */
export function recordPageQuery(entity: MetadataEntity, entities: readonly MetadataEntity[], isNew: boolean, workflow?: { language: Language }): string {
  const forms = `forms(entity: "${entity.name}") { ${FORM_SELECTION} }`;
  if (isNew) return `query NewRecordPage { ${forms} }`;
  return `query RecordPage($id: ID!, $recordId: ID!) {
  record: ${lowerFirst(entity.name)}(id: $id) { ${recordSelection(entity, entities)} }
  ${forms}
  audit: auditLog(entity: "${entity.name}", recordId: $recordId, first: ${AUDIT_PAGE}) { ${AUDIT_SELECTION} }${workflow ? `\n  ${statusField(entity.name, workflow.language)}` : ''}
}`;
}

/** The fields of a record the page reads: the same selection answers the page query and the mutation that saves it. */
export function recordSelection(entity: MetadataEntity, entities: readonly MetadataEntity[]): string {
  const parts = ['id', 'version', 'updatedAt'];
  for (const field of entity.fields) {
    const role = fieldRole(field);
    const target = entityByKey(entities, field.target);
    if (role === 'value' && field.type !== 'json') parts.push(field.name);
    if (role === 'reference' && target) parts.push(`${field.name} { ${referenceSelection(target)} }`);
    if (role === 'related' && target) parts.push(`${field.name} { id ${valueFields(target).map((f) => f.name).join(' ')} }`);
  }
  return parts.join(' ');
}

/**
 * A referenced record as the page reads it: its id, title and the one-value
 * fields that are not personal data, so that form conditions reading into
 * the reference (`parentGroup.customerClass`) see it without a second query.
 */
export function referenceSelection(target: MetadataEntity): string {
  const title = titleFieldOf(target)?.name;
  const names = new Set(['id', ...(title ? [title] : []), ...valueFields(target).filter((f) => !f.personalData).map((f) => f.name)]);
  return [...names].join(' ');
}

/** The mutation saving a record: create, or update at the version the user read (a stale one is a CONFLICT). */
export function saveMutation(entity: MetadataEntity, entities: readonly MetadataEntity[], isNew: boolean): string {
  const selection = recordSelection(entity, entities);
  if (isNew) return `mutation Create($input: ${entity.name}CreateInput!) { saved: create${entity.name}(input: $input) { ${selection} } }`;
  return `mutation Update($id: ID!, $version: Int!, $input: ${entity.name}UpdateInput!) { saved: update${entity.name}(id: $id, version: $version, input: $input) { ${selection} } }`;
}

/** Reference candidates for a picker: the target's records whose title contains what was typed (the user's scope applies). */
export function referenceSearchQuery(target: MetadataEntity): string {
  const title = titleFieldOf(target)?.name ?? 'id';
  return `query Pick($filter: ${target.name}Filter) { rows: ${target.pluralName}(filter: $filter, first: 10, orderBy: [{ field: ${title}, direction: ASC }]) { nodes { ${referenceSelection(target)} } } }`;
}

export function referenceSearchFilter(target: MetadataEntity, typed: string): Record<string, unknown> | null {
  const title = titleFieldOf(target)?.name;
  return title && typed.trim() ? { [title]: { contains: typed.trim() } } : null;
}

/** Older audit entries, after the last one shown. */
export function auditPageQuery(entity: MetadataEntity): string {
  return `query Audit($recordId: ID!, $after: String) { audit: auditLog(entity: "${entity.name}", recordId: $recordId, first: ${AUDIT_PAGE}, after: $after) { ${AUDIT_SELECTION} } }`;
}

export const entityTypeName = (entity: MetadataEntity) => upperFirst(entity.name);

export interface AuditEntry {
  id: string;
  at: string;
  actor: string | null;
  action: string;
  recordVersion: number | null;
  changes: Record<string, { before?: unknown; after?: unknown }> | null;
}

export interface AuditPage {
  hasNextPage: boolean;
  entries: AuditEntry[];
}

export type StoredRecord = Record<string, unknown> & { id: string; version: number };

export interface RecordPageData {
  record?: StoredRecord | null;
  forms: ServedFormData[];
  audit?: AuditPage;
  /** The record's workflow state, asked only for an entity that has a workflow (null: this record follows none). */
  workflow?: WorkflowStatus | null;
}
