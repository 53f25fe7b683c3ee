import { canonicalJson, type CompiledEntity, type CompiledField, type CompiledModel } from '@lattice/runtime';
import { columnTypeOf } from '../storage/column-options.js';
import type { ModelChange } from './model-change.js';
import { liveFieldOf, nextFieldOf } from './field-counterparts.js';

/**
 * Key-based diff of two compiled models: an element whose key survives is
 * the same element, so a new name is a rename (its data stays), never a drop
 * and an add. Cost O(entities + fields).
 */
export function diffModels(live: CompiledModel | undefined, next: CompiledModel): ModelChange[] {
  const changes: ModelChange[] = [];
  const liveEntities = new Map((live?.entities ?? []).map((e) => [e.key, e]));
  for (const entity of next.entities) {
    const before = liveEntities.get(entity.key);
    if (!before) {
      changes.push({ kind: 'entity.added', entity: entity.key, name: entity.name });
      continue;
    }
    if (before.name !== entity.name) {
      changes.push({ kind: 'entity.renamed', entity: entity.key, from: before.name, to: entity.name, fromTable: before.table, toTable: entity.table });
    }
    changes.push(...diffFields(before, entity), ...diffIndexes(before, entity));
  }
  const nextKeys = new Set(next.entities.map((e) => e.key));
  for (const entity of live?.entities ?? []) {
    if (!nextKeys.has(entity.key)) changes.push({ kind: 'entity.removed', entity: entity.key, name: entity.name, table: entity.table });
  }
  return changes;
}

function diffFields(before: CompiledEntity, after: CompiledEntity): ModelChange[] {
  const changes: ModelChange[] = [];
  const entity = after.key;
  for (const field of after.fields) {
    const old = liveFieldOf(before, after, field);
    if (!old) {
      changes.push({ kind: 'field.added', entity, field: field.key, name: field.name, type: field.typeName, required: field.required, hasDefault: field.default !== undefined, column: field.column });
      continue;
    }
    if (old.name !== field.name || old.key !== field.key) {
      changes.push({
        kind: 'field.renamed', entity, field: field.key, from: old.name, to: field.name, fromColumn: old.column, toColumn: field.column,
        ...(old.key !== field.key ? { fromKey: old.key } : {}),
        ...(old.relation?.joinTable ? { fromJoinTable: old.relation.joinTable } : {}),
        ...(field.relation?.joinTable ? { toJoinTable: field.relation.joinTable } : {}),
      });
    }
    changes.push(...diffField(entity, old, field));
  }
  for (const field of before.fields) {
    if (!nextFieldOf(before, after, field.key)) {
      changes.push({ kind: 'field.removed', entity, field: field.key, name: field.name, column: field.column, ...(field.relation?.joinTable ? { joinTable: field.relation.joinTable } : {}) });
    }
  }
  return changes;
}

function diffField(entity: string, old: CompiledField, field: CompiledField): ModelChange[] {
  const changes: ModelChange[] = [];
  const oldType = old.storage ? columnTypeOf(old.storage) : null;
  const newType = field.storage ? columnTypeOf(field.storage) : null;
  if (old.storage && field.storage && field.column && (oldType !== newType || old.formula?.expression !== field.formula?.expression)) {
    changes.push({
      kind: 'field.storage-changed', entity, field: field.key, name: field.name, column: field.column, fromType: old.typeName, toType: field.typeName,
      from: { kind: old.storage.kind, columnType: oldType ?? '' }, to: { kind: field.storage.kind, columnType: newType ?? '' },
    });
  }
  if (field.required && !old.required && field.column) {
    changes.push({ kind: 'field.required-added', entity, field: field.key, name: field.name, column: field.column, hasDefault: field.default !== undefined });
  }
  if ((field.unique || field.autonumber) && !(old.unique || old.autonumber) && field.column) {
    changes.push({ kind: 'field.unique-added', entity, field: field.key, name: field.name, column: field.column });
  }
  const properties = ['typeName', 'label', 'description', 'settings', 'required', 'unique', 'indexed', 'default'].filter(
    (p) => canonicalJson((old as unknown as Record<string, unknown>)[p]) !== canonicalJson((field as unknown as Record<string, unknown>)[p]),
  );
  if (properties.length) changes.push({ kind: 'field.changed', entity, field: field.key, name: field.name, properties });
  return changes;
}

function diffIndexes(before: CompiledEntity, after: CompiledEntity): ModelChange[] {
  const changes: ModelChange[] = [];
  const old = new Map(before.indexes.map((i) => [i.key, i]));
  for (const index of after.indexes) {
    const prior = old.get(index.key);
    if (!prior) changes.push({ kind: 'index.added', entity: after.key, index: index.key, unique: index.unique, columns: [...index.columns] });
    else if (prior.unique !== index.unique || canonicalJson(prior.fieldKeys) !== canonicalJson(index.fieldKeys)) {
      changes.push({ kind: 'index.changed', entity: after.key, index: index.key, unique: index.unique, columns: [...index.columns] });
    }
  }
  for (const index of before.indexes) {
    if (!after.indexes.some((i) => i.key === index.key)) changes.push({ kind: 'index.removed', entity: after.key, index: index.key });
  }
  return changes;
}
