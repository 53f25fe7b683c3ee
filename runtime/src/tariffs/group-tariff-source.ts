import { z } from 'zod';
import { keySchema } from '../documents/entity.document.js';
import { zodProblems } from '../documents/parse-documents.js';
import type { CompiledField, CompiledModel } from '../compile/compiled-model.js';
import { sourceField } from './source-field.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import type { CompiledGroupTariff, CompiledTariffCatalog } from './compiled-tariff-catalog.js';
import { toFen } from './money-fen.js';

/**
 * Where group customers' personalised tariffs (集团个性化资费) live: records
 * of an entity, negotiated daily by customer managers and approved through
 * a workflow, not metadata an admin publishes. Written in the tariff
 * catalog (`groupTariffs`) by field keys: the reference to the group
 * customer, the offering and component keys, the price, the validity, and
 * the field and values that mean "approved". A quote prices with the
 * approved records only.
 */
export const groupTariffSourceSchema = z.strictObject({
  entity: keySchema,
  /** The reference to the group customer (the catalog's `customerEntity`). */
  groupCustomer: keySchema,
  /** A text field holding the offering's key. */
  offering: keySchema,
  /** A text field holding the key of the offering's price component it replaces. */
  component: keySchema,
  /** A money field: the personalised price. */
  price: keySchema,
  validFrom: keySchema.optional(),
  validTo: keySchema.optional(),
  /** Only records whose field holds one of these values price a quote (the approval workflow's approved state). */
  approved: z.strictObject({ field: keySchema, values: z.array(z.string().min(1)).min(1) }),
});

/** The same, by API names, checked against the model. */
export interface GroupTariffSource {
  readonly entity: string;
  readonly titleField: string;
  readonly groupCustomer: string;
  readonly offering: string;
  readonly component: string;
  readonly price: string;
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly approved: { readonly field: string; readonly values: readonly string[] };
}

const PATH = 'groupTariffs';

/** Checks the group tariff source against the model: the entity, and each field with the kind it is used as. */
export function checkGroupTariffSource(input: unknown, model: CompiledModel, customerEntity: string): Checked<GroupTariffSource> {
  if (Array.isArray(input)) {
    return failed([problem('tariff.group-tariffs-are-records', PATH, 'Group tariffs are records approved through a workflow, no longer documents of the catalog', 'name their entity and fields: groupTariffs: { entity, groupCustomer, offering, component, price, approved: { field, values } }')]);
  }
  const shape = groupTariffSourceSchema.safeParse(input);
  if (!shape.success) return failed(zodProblems(shape.error, input, PATH));
  const source = shape.data;
  const entity = model.entityByKey(source.entity);
  if (!entity) return failed([problem('group-tariff.unknown-entity', `${PATH}.entity`, `No entity with key "${source.entity}"`)]);
  const problems: Problem[] = [];
  const group = entity.fieldByKey(source.groupCustomer);
  if (group?.relation?.kind !== 'reference' || group.relation.target !== customerEntity) problems.push(problem('group-tariff.field-type', `${PATH}.groupCustomer`, `${entity.key}.${source.groupCustomer} must be a reference to ${customerEntity}`));
  const field = (key: string | undefined, types: readonly string[], path: string): CompiledField | undefined => (key === undefined ? undefined : sourceField(entity, key, types, `${PATH}.${path}`, problems, 'group-tariff'));
  const offering = field(source.offering, ['text', 'picklist'], 'offering');
  const component = field(source.component, ['text', 'picklist'], 'component');
  const price = field(source.price, ['money'], 'price');
  const validFrom = field(source.validFrom, ['date'], 'validFrom');
  const validTo = field(source.validTo, ['date'], 'validTo');
  const approved = field(source.approved.field, ['text', 'picklist'], 'approved.field');
  if (problems.length || !group || !offering || !component || !price || !approved) return failed(problems);
  return ok({
    entity: entity.name,
    titleField: entity.titleField,
    groupCustomer: group.name,
    offering: offering.name,
    component: component.name,
    price: price.name,
    ...(validFrom ? { validFrom: validFrom.name } : {}),
    ...(validTo ? { validTo: validTo.name } : {}),
    approved: { field: approved.name, values: source.approved.values },
  });
}

/**
 * A group's approved tariff records as the catalog prices them: one per
 * offering, its components' prices gathered from the records (in the
 * order given: the first price of a component wins). Records not approved
 * are left out, whatever the caller passes.
 */
export function groupTariffsOf(records: readonly Readonly<Record<string, unknown>>[], source: GroupTariffSource): CompiledGroupTariff[] {
  const out: CompiledGroupTariff[] = [];
  for (const record of records) {
    if (!source.approved.values.includes(String(record[source.approved.field]))) continue;
    const offering = String(record[source.offering]);
    const validFrom = dateOf(source.validFrom ? record[source.validFrom] : undefined);
    const validTo = dateOf(source.validTo ? record[source.validTo] : undefined);
    const key = String(record[source.titleField] ?? record['id']);
    out.push({ key, offering, status: 'approved', ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}), pricesFen: new Map([[String(record[source.component]), toFen(String(record[source.price]))]]) });
  }
  return out;
}

/** The catalog with a group's tariffs in it (a copy: the published catalog stays as it was). */
export function withGroupTariffs(catalog: CompiledTariffCatalog, groupCustomer: string, tariffs: readonly CompiledGroupTariff[]): CompiledTariffCatalog {
  return Object.freeze({ ...catalog, groupTariffs: new Map([[groupCustomer, tariffs]]) });
}

function dateOf(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

