import { raw } from '@mikro-orm/core';
import type { CompiledEntity } from '@lattice/runtime';
import type { AccessParts } from '../records/access-parts.js';
import { recordQuerySql } from '../records/query-templates.js';
import { withScope } from '../security/row-scope.js';
import type { RecordSelection, SelectionItem } from './read-plan.js';
import { columnOf, cursorValueSql, nameLiteral, valueSql } from './value-sql.js';
import { NotCompiled } from './not-compiled.js';
import { loggedKey } from './raw-json.js';

/** SQL with `?` placeholders and their values, in text order. */
export interface Fragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** json_build_object takes at most 100 arguments: two per key (the statement's root object is one). */
export const MAX_ROOT_KEYS = 50;
/** Postgres cuts identifiers (a record's keys, as `row_to_json` names them) at 63 bytes. */
const MAX_KEY_LENGTH = 63;

export function fragment(strings: TemplateStringsArray, ...parts: readonly (Fragment | string)[]): Fragment {
  let sql = strings[0] as string;
  const params: unknown[] = [];
  parts.forEach((part, i) => {
    if (typeof part === 'string') sql += part;
    else {
      sql += part.sql;
      params.push(...part.params);
    }
    sql += strings[i + 1] as string;
  });
  return { sql, params };
}

export function joined(parts: readonly Fragment[], separator: string): Fragment {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
}

/**
 * Builds the SQL of one compiled read, piece by piece: each record query is
 * the one the access point's reader and loaders run for the same shape
 * (MikroORM's, from `query-templates.ts`, with the row scope and sharing in
 * its where), correlated with its parent row through a raw column reference,
 * and each record's answer is `row_to_json` of a row named by its response keys.
 * References and related lists are subqueries of their parent row: one
 * statement whatever the page size, no N+1. The guard's checks run as the
 * resolvers run them; any refusal is thrown (a `LatticeError`).
 */
export class ReadStatement {
  #aliases = 0;
  /** Selections whose records' personal data is logged from what the statement returns (a hidden key, `raw-json.ts`), by index, in plan order. */
  readonly logged = new Map<RecordSelection, number>();

  constructor(private readonly parts: AccessParts) {}

  log(selection: RecordSelection): void {
    if (!this.logged.has(selection)) this.logged.set(selection, this.logged.size);
  }

  alias(): string {
    return `lq${++this.#aliases}`;
  }

  /** Whether a read of these fields must be logged: the access log's own rule (`RevealedPersonalData.records`). */
  revealsPersonalData(entity: CompiledEntity, fields: readonly string[]): boolean {
    return !!this.parts.actor.id && fields.some((name) => entity.fieldByName(name)?.personalData);
  }

  /** A record query of the version's ORM as SQL with its parameters. */
  async records(entity: CompiledEntity, where: Record<string, unknown>, options: Record<string, unknown>): Promise<Fragment> {
    const { em, schemas } = this.parts;
    return recordQuerySql(em, em.getMetadata().get(schemas.of(entity).meta.className as never), where, options);
  }

  /** The count `list` runs for `totalCount`, built as the driver builds it. */
  count(entity: CompiledEntity, where: Record<string, unknown>): Fragment {
    const { em, schemas } = this.parts;
    // The driver's own steps of `count` (their types are internal; the version is pinned and the equivalence suite reads through both).
    const qb = em.createQueryBuilder(schemas.of(entity).meta.className as never).where(where as never) as unknown as {
      processPopulateHint(): void;
      hasToManyJoins(): boolean;
      count(field: undefined, distinct: boolean): unknown;
      toQuery(): Fragment;
    };
    qb.processPopulateHint();
    qb.count(undefined, qb.hasToManyJoins());
    return qb.toQuery();
  }

  /**
   * A record as the JSON object of its response keys, from the row under
   * `alias` (its derived table has the selection's columns): `row_to_json`
   * of a row named by them, compact as `JSON.stringify` writes it, so its
   * text can go to the response untouched (`raw-json.ts`).
   */
  async recordJson(selection: RecordSelection, alias: string): Promise<Fragment> {
    const columns: Fragment[] = [];
    for (const item of selection.items) {
      if (item.key.length > MAX_KEY_LENGTH) throw new NotCompiled('long-response-key', `${selection.entity.name}: ${item.key}`);
      nameLiteral(item.key);
      columns.push(fragment`${await this.#itemJson(selection, item, alias)} as "${item.key}"`);
    }
    const index = this.logged.get(selection);
    if (index !== undefined) {
      const unit = selection.entity.fieldByName('orgUnitId')?.column ?? 'org_unit_id';
      columns.push(fragment`${columnOf(alias, 'id')}::text || '|' || coalesce(${columnOf(alias, unit)}::text, '') as "${loggedKey(index)}"`);
    }
    const row = this.alias();
    return fragment`(select row_to_json(${row}) from (select ${joined(columns, ', ')}) as ${row})`;
  }

  /** The cursor values of the row under `alias`, in sort order, as a JSON array. */
  cursorJson(entity: CompiledEntity, orderBy: Record<string, string>, alias: string): string {
    return `json_build_array(${Object.keys(orderBy).map((name) => cursorValueSql(alias, entity.fieldByName(name) as never)).join(', ')})`;
  }

  async #itemJson(owner: RecordSelection, item: SelectionItem, alias: string): Promise<Fragment | string> {
    if (item.kind === 'typename') return nameLiteral(item.typename);
    if (item.kind === 'value') return valueSql(alias, item.field);
    if (item.kind === 'reference') return this.#reference(item.field.column as string, item.target, item.record, alias);
    return this.#related(owner.entity, item, alias);
  }

  /** `reference()` of the access point: null outside the read scope (soft-deleted targets still resolve: the reference is history). */
  async #reference(column: string, target: CompiledEntity, selection: RecordSelection, alias: string): Promise<Fragment | string> {
    const { guard, revealed } = this.parts;
    if (!guard.mayRead(target)) return 'null';
    guard.assertReadable(target, selection.storedFields);
    const fields = revealed.withUnit(target, selection.storedFields) ?? guard.readableFields(target);
    if (this.revealsPersonalData(target, selection.storedFields)) this.log(selection);
    const where = withScope({ id: raw(columnOf(alias, column)) }, guard.filter(target, 'read'));
    const rows = await this.records(target, where, fields ? { fields } : {});
    const inner = this.alias();
    return fragment`(select ${await this.recordJson(selection, inner)} from (${rows}) as ${inner})`;
  }

  /** `related()` of the access point: the live records of an inverse list within the read scope, oldest first (as its loader orders them). */
  async #related(owner: CompiledEntity, item: Extract<SelectionItem, { kind: 'related' }>, alias: string): Promise<Fragment | string> {
    const { guard, revealed } = this.parts;
    const { target, field, record: selection } = item;
    if (!guard.mayRead(target)) return `'[]'::json`;
    guard.assertReadable(owner, [field.name]);
    guard.assertReadable(target, selection.storedFields);
    const back = target.fieldByKey(field.relation?.inverseOf ?? '');
    if (!back) return `'[]'::json`;
    const fields = [...new Set([...(revealed.withUnit(target, selection.storedFields) ?? guard.readableFields(target) ?? []), back.name])];
    if (this.revealsPersonalData(target, selection.storedFields)) this.log(selection);
    const where = withScope({ [back.name]: raw(columnOf(alias, 'id')), deletedAt: null }, guard.filter(target, 'read'));
    const rows = await this.records(target, where, { orderBy: { createdAt: 'asc', id: 'asc' }, fields });
    const inner = this.alias();
    // array_to_json writes the list compact (json_agg puts a space after each comma); array_agg keeps the rows' order.
    return fragment`coalesce((select array_to_json(array_agg(${await this.recordJson(selection, inner)})) from (${rows}) as ${inner}), '[]'::json)`;
  }
}
