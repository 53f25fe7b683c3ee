import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { zodProblems } from '../documents/parse-documents.js';
import type { CompiledEntity, CompiledField, CompiledModel } from '../compile/compiled-model.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { sourceField } from './source-field.js';

/**
 * Where a tariff simulation finds the live subscriptions and their month of
 * usage: which entity holds subscriptions, which of its fields name the
 * customer and the offering, which subscriptions bill, and which entity
 * holds usage per billing month with a field per allowance. Written in the
 * tariff catalog (`simulation`) by field keys; the platform reads the
 * records through the access point with the caller's permissions.
 */
export const simulationSourceSchema = z.strictObject({
  subscriptions: z.strictObject({
    entity: keySchema,
    /** The reference to the customer (the catalog's `customerEntity`). */
    customer: keySchema,
    /** A text field holding the offering's key, or `reference.field` through one reference (the product's offering). */
    offering: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/, 'a field key, or reference.field'),
    /** An integer field with the number of lines; 1 when absent. */
    quantity: keySchema.optional(),
    /** Only subscriptions whose field holds one of these values bill (e.g. active ones). */
    billable: z.strictObject({ field: keySchema, values: z.array(z.string().min(1)).min(1) }).optional(),
  }),
  usage: z
    .strictObject({
      entity: keySchema,
      /** The reference to the subscription. */
      subscription: keySchema,
      /** A text field holding the billing month, YYYY-MM. */
      month: keySchema,
      /** The integer field summing each allowance's usage, by allowance key. */
      allowances: z.record(keySchema, keySchema),
    })
    .optional(),
});

/** The same, by API names, checked against the model. */
export interface TariffSimulationSource {
  readonly subscriptions: {
    readonly entity: string;
    readonly customer: string;
    /** One name (a field) or two (a reference, then the target's field). */
    readonly offering: readonly string[];
    /** The entity the offering field sits on, when it goes through a reference. */
    readonly offeringEntity?: string;
    readonly quantity?: string;
    readonly billable?: { readonly field: string; readonly values: readonly string[] };
  };
  readonly usage?: {
    readonly entity: string;
    readonly subscription: string;
    readonly month: string;
    /** Allowance key → field name. */
    readonly allowances: Readonly<Record<string, string>>;
  };
}

const PATH = 'simulation';

/** Checks the simulation source against the model: every entity and field exists and has the kind it is used as. */
export function checkSimulationSource(input: unknown, model: CompiledModel, customerEntity: string): Checked<TariffSimulationSource> {
  const shape = simulationSourceSchema.safeParse(input);
  if (!shape.success) return failed(zodProblems(shape.error, input, PATH));
  const source = shape.data;
  const problems: Problem[] = [];
  const subsPath = `${PATH}.subscriptions`;
  const subscriptions = entityAt(model, source.subscriptions.entity, `${subsPath}.entity`, problems);
  if (!subscriptions) return failed(problems);

  const customer = referenceAt(subscriptions, source.subscriptions.customer, customerEntity, `${subsPath}.customer`, problems);
  const [first, second] = source.subscriptions.offering.split('.') as [string, string | undefined];
  let offering: string[] = [];
  let offeringEntity: string | undefined;
  if (second === undefined) {
    const field = fieldAt(subscriptions, first, ['text'], `${subsPath}.offering`, problems);
    if (field) offering = [field.name];
  } else {
    const reference = referenceAt(subscriptions, first, undefined, `${subsPath}.offering`, problems);
    const target = reference?.relation ? model.entityByKey(reference.relation.target) : undefined;
    const field = target ? fieldAt(target, second, ['text'], `${subsPath}.offering`, problems) : undefined;
    if (reference && target && field) {
      offering = [reference.name, field.name];
      offeringEntity = target.name;
    }
  }
  const quantity = source.subscriptions.quantity === undefined ? undefined : fieldAt(subscriptions, source.subscriptions.quantity, ['integer'], `${subsPath}.quantity`, problems);
  const billable = source.subscriptions.billable;
  const billableField = billable ? fieldAt(subscriptions, billable.field, ['picklist', 'text'], `${subsPath}.billable.field`, problems) : undefined;
  if (billable && billableField?.typeName === 'picklist') {
    const known = new Set(((billableField.settings['options'] ?? []) as { value: string }[]).map((o) => o.value));
    billable.values.forEach((value, i) => {
      if (!known.has(value)) problems.push(problem('simulation.unknown-option', `${subsPath}.billable.values[${i}]`, `${subscriptions.key}.${billable.field} has no option "${value}"`));
    });
  }

  let usage: TariffSimulationSource['usage'];
  if (source.usage) {
    const usagePath = `${PATH}.usage`;
    const entity = entityAt(model, source.usage.entity, `${usagePath}.entity`, problems);
    if (entity) {
      const subscription = referenceAt(entity, source.usage.subscription, subscriptions.key, `${usagePath}.subscription`, problems);
      const month = fieldAt(entity, source.usage.month, ['text'], `${usagePath}.month`, problems);
      const allowances: Record<string, string> = {};
      for (const [allowance, key] of Object.entries(source.usage.allowances)) {
        const field = fieldAt(entity, key, ['integer'], `${usagePath}.allowances.${allowance}`, problems);
        if (field) allowances[allowance] = field.name;
      }
      if (subscription && month) usage = { entity: entity.name, subscription: subscription.name, month: month.name, allowances };
    }
  }
  if (problems.length || !customer) return failed(problems);
  return ok({
    subscriptions: {
      entity: subscriptions.name,
      customer: customer.name,
      offering,
      ...(offeringEntity ? { offeringEntity } : {}),
      ...(quantity ? { quantity: quantity.name } : {}),
      ...(billable && billableField ? { billable: { field: billableField.name, values: billable.values } } : {}),
    },
    ...(usage ? { usage } : {}),
  });
}

function entityAt(model: CompiledModel, key: string, path: string, problems: Problem[]): CompiledEntity | undefined {
  const entity = model.entityByKey(key);
  if (!entity) problems.push(problem('simulation.unknown-entity', path, `No entity with key "${key}"`));
  return entity;
}

function fieldAt(entity: CompiledEntity, key: string, types: readonly string[], path: string, problems: Problem[]): CompiledField | undefined {
  return sourceField(entity, key, types, path, problems, 'simulation');
}

function referenceAt(entity: CompiledEntity, key: string, target: string | undefined, path: string, problems: Problem[]): CompiledField | undefined {
  const field = entity.fieldByKey(key);
  if (!field) problems.push(problem('simulation.unknown-field', path, `${entity.key} has no field "${key}"`));
  else if (field.relation?.kind !== 'reference') problems.push(problem('simulation.field-type', path, `${entity.key}.${key} is ${field.typeName}; it must be a reference`));
  else if (target !== undefined && field.relation.target !== target) problems.push(problem('simulation.field-type', path, `${entity.key}.${key} refers to ${field.relation.target}, not ${target}`));
  else return field;
  return undefined;
}
