import type { CompiledModel } from '@lattice/runtime';
import { quoteIdent, quoteLiteral } from '../storage/quote.js';
import type { ModelChange } from './model-change.js';

/**
 * Data steps that must run before the schema change: a field that becomes
 * required gets its default written into the rows that have no value.
 */
export function fillStatements(changes: readonly ModelChange[], next: CompiledModel): string[] {
  const statements: string[] = [];
  for (const change of changes) {
    if (change.kind !== 'field.required-added' || !change.hasDefault) continue;
    const entity = next.entityByKey(change.entity);
    const field = entity?.fieldByKey(change.field);
    if (!entity || !field?.column || field.default === undefined) continue;
    const value = typeof field.default === 'object' ? JSON.stringify(field.default) : String(field.default);
    statements.push(`update ${quoteIdent(entity.table)} set ${quoteIdent(field.column)} = ${quoteLiteral(value)} where ${quoteIdent(field.column)} is null;`);
  }
  return statements;
}
