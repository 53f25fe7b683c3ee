import type { CompiledEntity } from '@lattice/runtime';
import type { AccessParts } from '../records/access-parts.js';
import type { ListArgs, RecordConnection } from '../records/record-reader.js';
import type { ViewListArgs } from '../records/record-views.js';
import type { StoredRecord } from '../storage/stored-record.js';
import { argumentsOf, type ReadPlan, type RootRead } from './read-plan.js';
import { fragment, joined, LOGGED_ID, LOGGED_UNIT, ReadStatement, type Fragment } from './read-statement.js';
import { toPositional } from './positional-sql.js';
import { connectionAnswer, type PageRow } from './connection-answer.js';
import { nameLiteral } from './value-sql.js';
import type { RecordSelection } from './read-plan.js';
import type { StatementRunner } from './statement-runner.js';

/** What the compiled read needs of the access point beyond its parts: a list through a view resolves there. */
export interface CompiledReadAccess {
  listArgs(entityName: string, args: ViewListArgs): Promise<ListArgs>;
}

type ListRoot = Extract<RootRead, { kind: 'list' }>;

/** What a root list read, kept to shape its page and log what it revealed once the statement has run. */
interface ListState {
  readonly root: ListRoot;
  readonly entity: CompiledEntity;
  readonly args: ListArgs;
  readonly asLogged: ListArgs;
  readonly where: Record<string, unknown>;
  readonly orderBy: Record<string, string>;
  readonly options: Record<string, unknown>;
  readonly unitRead: boolean;
}

/**
 * One query operation answered by one SQL statement, inside the access
 * point (its `COMPILED_READS` part): each root read is checked exactly as
 * `get` and `list` check it (entity, fields, filter, sort, cursor, page
 * size, views), rendered with the same where (row scope, sharing rules,
 * record shares, serve-anywhere grants: the guard's filter), and the answer
 * is JSON built by Postgres. Personal data is logged from the ids and units
 * the statement returned, as the resolvers log it. Throws what the access
 * point throws (a `LatticeError`) when it refuses.
 */
export async function readCompiled(parts: AccessParts, access: CompiledReadAccess, plan: ReadPlan, variables: Record<string, unknown>, version: number, runner: StatementRunner): Promise<Record<string, unknown>> {
  const statement = new ReadStatement(parts);
  const lists = new Map<string, ListState>();
  const gets = new Map<string, { entity: CompiledEntity; record: RecordSelection }>();
  const roots: Fragment[] = [];
  for (const root of plan.roots) {
    const key = nameLiteral(root.key);
    if (root.kind === 'typename') roots.push(fragment`${key}, 'Query'`);
    else if (root.kind === 'metadataVersion') roots.push(fragment`${key}, ${String(Math.trunc(version))}`);
    else if (root.kind === 'get') {
      const args = argumentsOf(root, variables);
      const entity = parts.authorize(root.entity.name, 'read');
      const fields = parts.revealed.withUnit(entity, root.record.storedFields);
      const { where, options } = parts.reader.getQuery(entity, args['id'] as string, args['includeDeleted'] === true, fields);
      if (statement.revealsPersonalData(entity, root.record.storedFields)) statement.logged.add(root.record);
      const rows = await statement.records(entity, where, options);
      const alias = statement.alias();
      roots.push(fragment`${key}, (select ${await statement.recordJson(root.record, alias)} from (${rows}) as ${alias})`);
      gets.set(root.key, { entity, record: root.record });
    } else {
      const state = await listState(parts, access, root, variables);
      lists.set(root.key, state);
      roots.push(fragment`${key}, ${await listJson(statement, state)}`);
    }
  }
  const answer = joined(roots, ', ');
  const { text, values } = toPositional(`select json_build_object(${answer.sql}) as data`, answer.params);
  const data = await runner.data(text, values);

  for (const [key, { entity, record }] of gets) {
    const shown = data[key] as Record<string, unknown> | null;
    if (shown) await logNested(parts, statement, record, [shown], entity);
  }
  for (const [key, state] of lists) {
    const raw = data[key] as { rows: PageRow[]; count: number | null };
    const page = connectionAnswer(state.root, state.entity, state.orderBy, state.options, raw.rows, raw.count);
    data[key] = page.answer;
    const nodes = page.rows.map((r) => (state.unitRead ? { id: r[3], orgUnitId: r[4] } : { id: r[3] }) as unknown as StoredRecord);
    await parts.revealed.records(state.entity, nodes, state.args.fields, 'read');
    await parts.revealed.listed(state.entity, state.asLogged, { nodes, pageInfo: page.pageInfo } as RecordConnection);
    if (state.root.nodes) await logNested(parts, statement, state.root.nodes, page.rows.map((r) => r[0]), undefined);
    if (state.root.edgeNode) await logNested(parts, statement, state.root.edgeNode, page.rows.map((r) => r[1]), undefined);
  }
  return data;
}

/** The list's arguments as `list` takes them (through a view when one is named), checked and rendered by the reader. */
async function listState(parts: AccessParts, access: CompiledReadAccess, root: ListRoot, variables: Record<string, unknown>): Promise<ListState> {
  const given = argumentsOf(root, variables) as ViewListArgs;
  const args = await access.listArgs(root.entity.name, { ...given, includeCount: root.includeCount, fields: root.storedFields });
  const entity = parts.authorize(root.entity.name, 'read');
  // What a view's filter confirms is logged as the request's own filter would be (as `RecordAccess.list`).
  const { viewFilter, ...own } = args;
  const asLogged = viewFilter ? { ...own, filter: own.filter ? { and: [viewFilter.filter, own.filter] } : viewFilter.filter } : args;
  const read = args.fields ? { ...args, fields: parts.revealed.listFields(entity, asLogged) } : args;
  const { where, orderBy, options, fields } = parts.reader.listQuery(entity, read, parts.options.maxPageSize);
  return { root, entity, args, asLogged, where, orderBy, options, unitRead: !fields || fields.includes('orgUnitId') };
}

/** A page as rows `[nodes' JSON, edges' node JSON, cursor values, id, org unit]`, with the total count beside them. */
async function listJson(statement: ReadStatement, state: ListState): Promise<Fragment> {
  const { root, entity, where, orderBy, options } = state;
  const rows = await statement.records(entity, where, options);
  const alias = statement.alias();
  const nodes = root.nodes ? await statement.recordJson(root.nodes, alias) : 'null';
  const edgeNode = root.edgeNode ? await statement.recordJson(root.edgeNode, alias) : 'null';
  const unit = state.unitRead ? `${alias}."org_unit_id"` : 'null';
  const row = fragment`json_build_array(${nodes}, ${edgeNode}, ${statement.cursorJson(entity, orderBy, alias)}, ${alias}."id", ${unit})`;
  const count = root.includeCount ? fragment`(${statement.count(entity, where)})` : 'null';
  return fragment`(select json_build_object('rows', coalesce(json_agg(${row}), '[]'::json), 'count', ${count}) from (${rows}) as ${alias})`;
}

/**
 * Logs what nested selections revealed (references and related lists, and a
 * read by id), from the hidden id and unit keys the statement added to their
 * records, and takes those keys out of the answer.
 */
async function logNested(parts: AccessParts, statement: ReadStatement, selection: RecordSelection, records: readonly unknown[], rootEntity: CompiledEntity | undefined): Promise<void> {
  // Each record once per selection, however many rows referenced it (the resolvers' loader reads it once).
  const found = new Map<RecordSelection, Map<string, StoredRecord>>();
  const visit = (sel: RecordSelection, value: unknown) => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(sel, item);
      return;
    }
    const record = value as Record<string, unknown>;
    if (statement.logged.has(sel)) {
      const shown = found.get(sel) ?? new Map<string, StoredRecord>();
      shown.set(record[LOGGED_ID] as string, { id: record[LOGGED_ID], orgUnitId: record[LOGGED_UNIT] } as unknown as StoredRecord);
      found.set(sel, shown);
      delete record[LOGGED_ID];
      delete record[LOGGED_UNIT];
    }
    for (const item of sel.items) if (item.kind === 'reference' || item.kind === 'related') visit(item.record, record[item.key]);
  };
  if (!hasLogged(statement, selection)) return;
  for (const record of records) visit(selection, record);
  for (const [sel, shown] of found) await parts.revealed.records(sel === selection && rootEntity ? rootEntity : sel.entity, [...shown.values()], sel.storedFields, 'read');
}

function hasLogged(statement: ReadStatement, selection: RecordSelection): boolean {
  return statement.logged.has(selection) || selection.items.some((i) => (i.kind === 'reference' || i.kind === 'related') && hasLogged(statement, i.record));
}
