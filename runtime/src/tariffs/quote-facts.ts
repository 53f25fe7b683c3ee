import type { CompiledModel } from '../compile/compiled-model.js';
import { computedFacts, createFactCatalog, shapeOfField, type FactCatalog, type FactInfo } from '../rules/fact-catalog.js';
import type { FactRegistry } from '../rules/fact-registry.js';

/**
 * Facts every quote line gives to eligibility conditions, beside the
 * customer's fields (by name) and the registry's computed facts. A quote
 * line's own facts win over a customer field of the same name.
 */
export const QUOTE_LINE_FACTS: readonly FactInfo[] = [
  { name: 'offering', shape: { kind: 'text' }, computed: false },
  { name: 'offeringType', shape: { kind: 'text' }, computed: false },
  { name: 'quantity', shape: { kind: 'number' }, computed: false },
  { name: 'orgUnit', shape: { kind: 'text' }, computed: false },
  { name: 'orgUnitPath', shape: { kind: 'list', of: [{ kind: 'text' }] }, computed: false },
  { name: 'termMonths', shape: { kind: 'number' }, computed: false },
  { name: 'date', shape: { kind: 'date' }, computed: false },
  { name: 'groupCustomer', shape: { kind: 'text' }, computed: false },
];

export interface QuoteFactsContext {
  readonly facts: FactRegistry;
  /** The customer entity's model, when quotes read customer fields. */
  readonly model?: CompiledModel;
  readonly customerEntity?: string;
}

export function quoteFactCatalog(context: QuoteFactsContext): FactCatalog {
  const entity = context.customerEntity ? context.model?.entityByKey(context.customerEntity) : undefined;
  const fields = (entity?.fields ?? []).map((field): FactInfo => ({ name: field.name, shape: shapeOfField(field), computed: false }));
  return createFactCatalog([...QUOTE_LINE_FACTS, ...fields, ...computedFacts(context.facts, context.customerEntity)], context.model);
}
