import { findBreakingChanges, findDangerousChanges, isObjectType, isInputObjectType, type GraphQLSchema } from 'graphql';
import type { ApiChange } from './plan.js';

/**
 * GraphQL changes between the live and the next schema. Breaking and
 * dangerous changes come from graphql-js itself; additions are listed so the
 * admin sees the whole effect.
 */
export function diffApi(live: GraphQLSchema | undefined, next: GraphQLSchema): ApiChange[] {
  if (!live) return [{ kind: 'SCHEMA_CREATED', description: 'First published API', breaking: false }];
  const changes: ApiChange[] = [
    ...findBreakingChanges(live, next).map((c) => ({ kind: c.type, description: c.description, breaking: true })),
    ...findDangerousChanges(live, next).map((c) => ({ kind: c.type, description: c.description, breaking: false })),
  ];
  const liveTypes = live.getTypeMap();
  for (const [name, type] of Object.entries(next.getTypeMap())) {
    if (name.startsWith('__')) continue;
    const before = liveTypes[name];
    if (!before) {
      changes.push({ kind: 'TYPE_ADDED', description: `${name} was added.`, breaking: false });
      continue;
    }
    if ((isObjectType(type) && isObjectType(before)) || (isInputObjectType(type) && isInputObjectType(before))) {
      const old = before.getFields();
      for (const field of Object.keys(type.getFields())) {
        if (!(field in old)) changes.push({ kind: 'FIELD_ADDED', description: `${name}.${field} was added.`, breaking: false });
      }
    }
  }
  return changes;
}
