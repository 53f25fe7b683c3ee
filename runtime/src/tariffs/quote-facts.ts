import type { CompiledModel } from '../compile/compiled-model.js';
import { computedFacts, createFactCatalog, shapeOfField, type FactCatalog, type FactInfo } from '../rules/fact-catalog.js';
import type { FactRegistry } from '../rules/fact-registry.js';
import type { CompiledOffering } from './compiled-tariff-catalog.js';

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

/** The values of QUOTE_LINE_FACTS for one line; the customer's facts are the run's base. */
export function quoteLineFacts(line: {
  readonly offering: CompiledOffering;
  readonly quantity: number;
  readonly orgUnitPath: readonly string[];
  readonly termMonths: number;
  readonly date: string;
  readonly groupCustomer?: string | undefined;
}): Record<string, unknown> {
  const { offering, orgUnitPath } = line;
  return { offering: offering.key, offeringType: offering.type, quantity: line.quantity, orgUnit: orgUnitPath[orgUnitPath.length - 1] ?? '', orgUnitPath, termMonths: line.termMonths, date: line.date, groupCustomer: line.groupCustomer };
}

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
