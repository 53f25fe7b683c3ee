import type { CompiledEntity, CompiledField, CompiledModel } from '@lattice/runtime';

/**
 * The two reads of the comparison, written once per system: through
 * Lattice's generated API, through PostGraphile's, and by hand in SQL with
 * the JSON built by Postgres. A read is a set of columns; each system's
 * answer is brought back to those column names by `normalise`, so the
 * benchmark can check that every system returned the same data.
 */
export interface BenchRead {
  readonly lattice: string;
  readonly postgraphile: string;
  /** The hand-written statement; `$1` is the read's argument, `$2` (when scoped) the units in the hall operator's scope. */
  readonly sql: string;
  readonly scopedSql: string;
}

/** Customer columns of the page (with each customer's subscriptions). */
const PAGE_CUSTOMER_FIELDS = ['id', 'name', 'customerCode', 'phone', 'city', 'createdAt'];
const PAGE_SUBSCRIPTION_FIELDS = ['id', 'msisdn', 'status', 'createdAt'];
/** Sharing rule `group_customer_serving_units`, by hand: a group customer with a live line in scope. */
const SCOPE = `(c.org_unit_id = any($2::uuid[]) or (c.customer_class = 'group' and exists (select 1 from subscription s where s.customer_id = c.id and s.deleted_at is null and s.org_unit_id = any($2::uuid[]))))`;

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
/** PostGraphile's name of a column: `id` is `rowId` (its `id` is reserved for node ids). */
const postgraphileName = (column: string) => (column === 'id' ? 'rowId' : camel(column));
const storedFields = (entity: CompiledEntity) => entity.fields.filter((f) => f.column && !f.relation?.kind.endsWith('ToMany'));

/** Customer by id, every stored column (those in `only` when given: what a hall operator may read). */
export function customerById(model: CompiledModel, only?: ReadonlySet<string>): BenchRead {
  const customer = entityOrThrow(model, 'customer');
  const fields = storedFields(customer).filter((f) => !only || f.system || only.has(f.key));
  const latticeField = (f: CompiledField) => (f.relation ? `${f.name} { id }` : f.name);
  const columns = fields.map((f) => `c.${f.column}`).join(', ');
  const select = `select to_json(r)::text as answer from (select ${columns} from customer c where c.id = $1 and c.deleted_at is null`;
  return {
    lattice: `query($id: ID!) { customer(id: $id) { ${fields.map(latticeField).join(' ')} } }`,
    postgraphile: `query($id: UUID!) { customerByRowId(rowId: $id) { ${fields.map((f) => postgraphileName(f.column as string)).join(' ')} } }`,
    sql: `${select}) r`,
    scopedSql: `${select} and ${SCOPE}) r`,
  };
}

/** A page of 50 enterprise customers of a city (`$1`), newest first, with their live subscriptions, oldest first. */
export function enterprisePage(model: CompiledModel): BenchRead {
  const customer = entityOrThrow(model, 'customer');
  const subscription = entityOrThrow(model, 'subscription');
  const column = (entity: CompiledEntity, name: string) => entity.fieldByName(name)?.column ?? name;
  const customerColumns = PAGE_CUSTOMER_FIELDS.map((f) => column(customer, f));
  const subscriptionColumns = PAGE_SUBSCRIPTION_FIELDS.map((f) => column(subscription, f));
  const lines = `(select coalesce(json_agg(s order by s.created_at, s.id), '[]') from (select ${subscriptionColumns.map((c) => `l.${c}`).join(', ')} from ${subscription.table} l where l.customer_id = c.id and l.deleted_at is null) s) as subscriptions`;
  const page = (scoped: boolean) =>
    `select coalesce(json_agg(p order by p.created_at desc, p.id desc), '[]')::text as answer from (select ${customerColumns.map((c) => `c.${c}`).join(', ')}, ${lines} from customer c where c.city = $1 and c.customer_type = 'enterprise' and c.deleted_at is null${scoped ? ` and ${SCOPE}` : ''} order by c.created_at desc, c.id desc limit 50) p`;
  return {
    lattice: `query($f: CustomerFilter) { customers(filter: $f, orderBy: [{ field: createdAt, direction: DESC }, { field: id, direction: DESC }], first: 50) { nodes { ${PAGE_CUSTOMER_FIELDS.join(' ')} subscriptions { ${PAGE_SUBSCRIPTION_FIELDS.join(' ')} } } } }`,
    postgraphile: `query($city: String!) { allCustomers(condition: { city: $city, customerType: "enterprise", deletedAt: null }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC], first: 50) { nodes { ${customerColumns.map(postgraphileName).join(' ')} serviceLinesByCustomerId(condition: { deletedAt: null }, orderBy: [CREATED_AT_ASC, ROW_ID_ASC]) { nodes { ${subscriptionColumns.map(postgraphileName).join(' ')} } } } } }`,
    sql: page(false),
    scopedSql: page(true),
  };
}

/** Lattice's variables for the page of `city`. */
export const latticePageFilter = (city: string) => ({ f: { city: { eq: city }, customerType: { eq: 'enterprise' } } });

/**
 * One answer in a form every system shares: a customer object (or a list of
 * them) keyed by column, values in one spelling (instants as ISO strings,
 * decimals as numbers, dates as YYYY-MM-DD), subscriptions under `subscriptions`.
 */
export function normalise(model: CompiledModel, answer: unknown): string {
  const customer = entityOrThrow(model, 'customer');
  const subscription = entityOrThrow(model, 'subscription');
  const one = (entity: CompiledEntity, row: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      if (name === 'subscriptions' || name === 'serviceLinesByCustomerId') {
        const list = (Array.isArray(value) ? value : ((value as { nodes: unknown[] }).nodes ?? [])) as Record<string, unknown>[];
        out['subscriptions'] = list.map((r) => one(subscription, r));
        continue;
      }
      const field = fieldOf(entity, name);
      if (!field?.column) throw new Error(`The answer has "${name}", which is no column of ${entity.name}`);
      out[field.column] = spell(field, field.relation && value && typeof value === 'object' ? (value as { id: unknown }).id : value);
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
  };
  const rows = (Array.isArray(answer) ? answer : [answer]) as (Record<string, unknown> | null)[];
  return JSON.stringify(rows.map((r) => (r ? one(customer, r) : null)));
}

function fieldOf(entity: CompiledEntity, name: string): CompiledField | undefined {
  if (name === 'rowId') return entity.fieldByName('id');
  return entity.fieldByName(name) ?? entity.fields.find((f) => f.column === name || (f.column && camel(f.column) === name));
}

function spell(field: CompiledField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (field.storage?.kind) {
    case 'datetime':
      return new Date(String(value)).toISOString();
    case 'date':
      return String(value).slice(0, 10);
    case 'decimal':
    case 'integer':
      return Number(value);
    default:
      return value;
  }
}

function entityOrThrow(model: CompiledModel, key: string): CompiledEntity {
  const entity = model.entityByKey(key);
  if (!entity) throw new Error(`The example has no ${key} entity`);
  return entity;
}
