import type { CompiledEntity } from '@lattice/runtime';
import type { AccessParts } from '../records/access-parts.js';
import type { ListArgs, RecordConnection } from '../records/record-reader.js';
import type { ViewListArgs } from '../records/record-views.js';
import type { StoredRecord } from '../storage/stored-record.js';
import { argumentsOf, type ReadPlan, type RootRead } from './read-plan.js';
import { fragment, joined, MAX_ROOT_KEYS, ReadStatement, type Fragment } from './read-statement.js';
import { NotCompiled } from './not-compiled.js';
import { connectionAnswer, type PageRow } from './connection-answer.js';
import { nameLiteral } from './value-sql.js';
import type { RecordSelection } from './read-plan.js';
import type { StatementRunner } from './statement-runner.js';
import { RawJson, splicesExactly, takeShown, type Shown } from './raw-json.js';

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
  if (plan.roots.length > MAX_ROOT_KEYS) throw new NotCompiled('wide-selection', `${plan.roots.length} root fields`);
  for (const root of plan.roots) {
    const key = nameLiteral(root.key);
    if (root.kind === 'typename') roots.push(fragment`${key}, 'Query'`);
    else if (root.kind === 'metadataVersion') roots.push(fragment`${key}, ${String(Math.trunc(version))}`);
    else if (root.kind === 'get') {
      const args = argumentsOf(root, variables);
      const entity = parts.authorize(root.entity.name, 'read');
      const fields = parts.revealed.withUnit(entity, root.record.storedFields);
      const { where, options } = parts.reader.getQuery(entity, args['id'] as string, args['includeDeleted'] === true, fields);
      if (statement.revealsPersonalData(entity, root.record.storedFields)) statement.log(root.record);
      const rows = await statement.records(entity, where, options);
      const alias = statement.alias();
      // As text: a JSON string in the answer, kept as Postgres wrote it (`recordValue`).
      roots.push(fragment`${key}, (select (${await statement.recordJson(root.record, alias)})::text from (${rows}) as ${alias})`);
      gets.set(root.key, { entity, record: root.record });
    } else {
      const state = await listState(parts, access, root, variables);
      lists.set(root.key, state);
      roots.push(fragment`${key}, ${await listJson(statement, state)}`);
    }
  }
  const answer = joined(roots, ', ');
  const data = await runner.data(`select json_build_object(${answer.sql}) as data`, answer.params);

  for (const [key, { entity, record }] of gets) {
    const shown: Shown[] = [];
    data[key] = recordValue(data[key] as string | null, record, shown);
    await logShown(parts, statement, shown, record, entity);
  }
  for (const [key, state] of lists) {
    const raw = data[key] as { rows: PageRow[]; count: number | null };
    const { nodes, edgeNode } = state.root;
    const shownBy = new Map<PageRow, { nodes: Shown[]; edgeNode: Shown[] }>();
    for (const row of raw.rows) {
      const shown = { nodes: [] as Shown[], edgeNode: [] as Shown[] };
      row[0] = nodes ? recordValue(row[0] as string | null, nodes, shown.nodes) : null;
      row[1] = edgeNode ? recordValue(row[1] as string | null, edgeNode, shown.edgeNode) : null;
      shownBy.set(row, shown);
    }
    const page = connectionAnswer(state.root, state.entity, state.orderBy, state.options, raw.rows, raw.count);
    data[key] = page.answer;
    const records = page.rows.map((r) => (state.unitRead ? { id: r[3], orgUnitId: r[4] } : { id: r[3] }) as unknown as StoredRecord);
    await parts.revealed.records(state.entity, records, state.args.fields, 'read');
    await parts.revealed.listed(state.entity, state.asLogged, { nodes: records, pageInfo: page.pageInfo } as RecordConnection);
    // Only the page's rows: the one read past it to know whether there is a next page is not shown.
    if (nodes) await logShown(parts, statement, page.rows.flatMap((r) => shownBy.get(r)?.nodes ?? []), nodes, undefined);
    if (edgeNode) await logShown(parts, statement, page.rows.flatMap((r) => shownBy.get(r)?.edgeNode ?? []), edgeNode, undefined);
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
  const row = fragment`json_build_array((${nodes})::text, (${edgeNode})::text, ${statement.cursorJson(entity, orderBy, alias)}, ${alias}."id", ${unit})`;
  const count = root.includeCount ? fragment`(${statement.count(entity, where)})` : 'null';
  return fragment`(select json_build_object('rows', coalesce(json_agg(${row}), '[]'::json), 'count', ${count}) from (${rows}) as ${alias})`;
}

/**
 * A record's answer from its text: the hidden keys of logged records taken
 * out (into `shown`), then the text itself when it is exactly what the
 * resolvers' answer serialises to, else its parsed value.
 */
function recordValue(text: string | null, selection: RecordSelection, shown: Shown[]): RawJson | unknown {
  if (text === null) return null;
  const stripped = takeShown(text, shown);
  return splicesExactly(selection) ? new RawJson(stripped) : JSON.parse(stripped);
}

/**
 * Logs what a read by id and the nested selections (references, related
 * lists) revealed, from the hidden keys the statement added to their
 * records: selection by selection in plan order, each record once per
 * selection however many rows referenced it (the resolvers' loader reads it once).
 */
async function logShown(parts: AccessParts, statement: ReadStatement, shown: readonly Shown[], root: RecordSelection, rootEntity: CompiledEntity | undefined): Promise<void> {
  if (shown.length === 0) return;
  const byIndex = new Map<number, Map<string, StoredRecord>>();
  for (const [index, id, orgUnitId] of shown) {
    const records = byIndex.get(index) ?? new Map<string, StoredRecord>();
    if (!records.has(id)) records.set(id, { id, orgUnitId } as unknown as StoredRecord);
    byIndex.set(index, records);
  }
  for (const [selection, index] of statement.logged) {
    const records = byIndex.get(index);
    if (records) await parts.revealed.records(selection === root && rootEntity ? rootEntity : selection.entity, [...records.values()], selection.storedFields, 'read');
  }
}
