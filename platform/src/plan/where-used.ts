import { tariffsOf, type CompiledModel, type MetadataSet } from '@lattice/runtime';
import type { ModelChange } from './model-change.js';
import type { DataRisk } from './plan.js';

/** Roles and sharing rules as stored in the platform's tables: they name fields too, outside the metadata. */
export interface StoredReferences {
  readonly roles: readonly { key: string; permissions: unknown }[];
  readonly sharingRules: readonly { key: string; entity: string; criteria: unknown }[];
  /** The organisation's unit kinds: approval levels name them. */
  readonly unitKinds?: readonly string[];
}

/** One place that names a field the plan removes or renames, and whether it stops working. */
export interface FieldUse {
  readonly entity: string;
  /** The field's key in the live version. */
  readonly field: string;
  readonly change: 'removed' | 'renamed' | 'key-changed';
  readonly usedBy: 'role' | 'serve-anywhere' | 'sharing-rule' | 'rule-set' | 'tariff-catalog' | 'layer' | 'form' | 'view' | 'fact';
  /** The role, sharing rule, rule set, layer, form, view or fact set key; `tariffs` for the catalog. */
  readonly owner: string;
  /** Where in the owner. */
  readonly path: string;
  /** True when, after publishing, the reference names a field that is not there (by key or by name). */
  readonly breaks: boolean;
  readonly message: string;
}

interface Touched {
  entity: string;
  key: string;
  name: string;
  change: FieldUse['change'];
  /** The identifier that still works after the change, by key and by name (undefined: none). */
  newKey?: string;
  newName?: string;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object';

/** Paths below `doc` of every node for which `match` holds. */
function findPaths(doc: unknown, path: string, match: (node: Node) => boolean): string[] {
  if (!isNode(doc)) return [];
  const here = match(doc) ? [path] : [];
  const children = Array.isArray(doc)
    ? doc.flatMap((v, i) => findPaths(v, `${path}[${isNode(v) && typeof v['key'] === 'string' ? v['key'] : i}]`, match))
    : Object.entries(doc).flatMap(([k, v]) => findPaths(v, `${path}.${k}`, match));
  return [...here, ...children];
}

/** Top-level field names a sharing rule's criteria filter on (through and/or/not). */
function criteriaNames(criteria: unknown): string[] {
  if (Array.isArray(criteria)) return criteria.flatMap(criteriaNames);
  if (!isNode(criteria)) return [];
  return Object.entries(criteria).flatMap(([k, v]) => (k === 'and' || k === 'or' || k === 'not' ? criteriaNames(v) : [k]));
}

/**
 * Where each removed or renamed field is named: role grants and
 * serve-anywhere policies (by key) and sharing rules (by name) in the
 * platform's tables; rule sets and tariff conditions (facts, by name) and
 * layers (by key), forms (placements, conditions), views (columns,
 * filters, sort) and facts (what they compute from), by name, in the
 * metadata. A reference in the live metadata that the draft no longer has,
 * or names by the field's new name, is listed as not breaking; one the
 * publish would leave pointing at nothing breaks.
 */
export function findWhereUsed(changes: readonly ModelChange[], live: CompiledModel | undefined, next: CompiledModel, stored: StoredReferences): FieldUse[] {
  if (!live) return [];
  const touched: Touched[] = changes.flatMap((c): Touched[] => {
    if (c.kind === 'field.removed') return [{ entity: c.entity, key: c.field, name: c.name, change: 'removed' }];
    if (c.kind === 'field.renamed') return [{ entity: c.entity, key: c.fromKey ?? c.field, name: c.from, change: c.fromKey ? 'key-changed' : 'renamed', newKey: c.field, newName: c.to }];
    return [];
  });
  return touched.flatMap((t) => [...storedUses(t, stored), ...metadataUses(t, live, next), ...documentUses(t, live.source, next.source)]);
}

function storedUses(t: Touched, stored: StoredReferences): FieldUse[] {
  const keyBreaks = t.newKey !== t.key;
  const nameBreaks = t.newName !== t.name;
  const uses: FieldUse[] = [];
  const use = (usedBy: FieldUse['usedBy'], owner: string, path: string, breaks: boolean, what: string): FieldUse => ({
    entity: t.entity, field: t.key, change: t.change, usedBy, owner, path, breaks,
    message: `${what} names ${t.entity}.${t.key} ("${t.name}")${breaks ? `, which ${t.change === 'removed' ? 'this plan removes' : `becomes ${t.newKey}/${t.newName}`}: it stops applying` : ''}`,
  });
  for (const role of stored.roles) {
    const grants = isNode(role.permissions) && isNode(role.permissions['entities']) ? role.permissions['entities'][t.entity] : undefined;
    if (isNode(grants) && isNode(grants['fields']) && t.key in grants['fields']) uses.push(use('role', role.key, `entities.${t.entity}.fields.${t.key}`, keyBreaks, `Role "${role.key}"'s field grant`));
    const policy = isNode(role.permissions) && isNode(role.permissions['serveAnywhere']) ? role.permissions['serveAnywhere'][t.entity] : undefined;
    if (isNode(policy) && Array.isArray(policy['identify']) && policy['identify'].some((set) => Array.isArray(set) && set.includes(t.key))) {
      uses.push(use('serve-anywhere', role.key, `serveAnywhere.${t.entity}.identify`, keyBreaks, `Role "${role.key}"'s serve-anywhere policy`));
    }
  }
  for (const rule of stored.sharingRules) {
    if (rule.entity === t.entity && criteriaNames(rule.criteria).includes(t.name)) uses.push(use('sharing-rule', rule.key, `criteria.${t.name}`, nameBreaks, `Sharing rule "${rule.key}"'s criteria`));
  }
  return uses;
}

function metadataUses(t: Touched, live: CompiledModel, next: CompiledModel): FieldUse[] {
  const uses: FieldUse[] = [];
  const scan = (usedBy: FieldUse['usedBy'], owner: string, before: unknown, after: unknown, match: (n: Node) => boolean, label: string) => {
    const still = new Set(findPaths(after, owner, match));
    for (const path of findPaths(before, owner, match)) {
      const breaks = still.has(path);
      uses.push({ entity: t.entity, field: t.key, change: t.change, usedBy, owner, path, breaks, message: `${label} "${owner}" ${breaks ? 'still names' : 'named'} ${t.entity}.${t.key} ("${t.name}")${breaks ? '' : '; the draft no longer does'}` });
    }
  };
  const byFact = (n: Node) => n['fact'] === t.name;
  const ruleSets = (source: MetadataSet) => ((source.ruleSets ?? []) as Node[]).filter((r) => r['entity'] === t.entity);
  const nextRuleSets = new Map(ruleSets(next.source).map((r) => [String(r['key']), r]));
  for (const ruleSet of ruleSets(live.source)) scan('rule-set', String(ruleSet['key']), ruleSet, nextRuleSets.get(String(ruleSet['key'])), byFact, 'Rule set');
  if (tariffsOf(live)?.customerEntity === t.entity) scan('tariff-catalog', 'tariffs', live.source.tariffs, next.source.tariffs, byFact, 'The tariff catalog');
  const layerEntity = (layer: unknown) => (isNode(layer) && Array.isArray(layer['entities']) ? layer['entities'].find((e) => isNode(e) && e['key'] === t.entity) : undefined);
  const nextLayers = new Map(((next.source.layers ?? []) as Node[]).map((l) => [String(l['key']), l]));
  for (const layer of (live.source.layers ?? []) as Node[]) {
    const owner = String(layer['key']);
    scan('layer', owner, layerEntity(layer), layerEntity(nextLayers.get(owner)), (n) => n['key'] === t.key && t.newKey !== t.key, 'Layer');
  }
  return uses;
}

/** Where a form, view or fact set names a field (by name): each path below `owner`. */
const NAMED_BY: Record<'forms' | 'views' | 'facts', (doc: Node, owner: string, name: string) => string[]> = {
  // Field placements and the conditions' facts; a related list's columns name the related entity's fields.
  forms: (doc, owner, name) => findPaths(doc, owner, (n) => n['field'] === name || n['fact'] === name),
  views: (doc, owner, name) => [
    ...(Array.isArray(doc['columns']) ? doc['columns'].flatMap((c, i) => (c === name ? [`${owner}.columns[${i}]`] : [])) : []),
    ...filterPaths(doc['filter'], `${owner}.filter`, name),
    ...findPaths(doc['sort'], `${owner}.sort`, (n) => n['field'] === name),
  ],
  facts: (doc, owner, name) => findPaths(doc['facts'], `${owner}.facts`, (n) => n['monthsSince'] === name || n['yearsSince'] === name || (isNode(n['count']) && n['count']['list'] === name)),
};

const USED_BY = { forms: ['form', 'Form'], views: ['view', 'View'], facts: ['fact', 'Fact set'] } as const;

/** Paths of a view filter's conditions on `name` (through and/or/not). */
function filterPaths(filter: unknown, path: string, name: string): string[] {
  if (Array.isArray(filter)) return filter.flatMap((f, i) => filterPaths(f, `${path}[${i}]`, name));
  if (!isNode(filter)) return [];
  return Object.entries(filter).flatMap(([k, v]) => (k === 'and' || k === 'or' || k === 'not' ? filterPaths(v, `${path}.${k}`, name) : k === name ? [`${path}.${k}`] : []));
}

/**
 * The forms, views and fact sets of the field's entity that name it in the
 * live version, and what the draft does with each place: names it still
 * (breaks, when its name goes), names it by its new name (rewritten), or
 * no longer does.
 */
function documentUses(t: Touched, live: MetadataSet, next: MetadataSet): FieldUse[] {
  const nameGoes = t.change === 'removed' || t.newName !== t.name;
  const uses: FieldUse[] = [];
  for (const section of ['forms', 'views', 'facts'] as const) {
    const [usedBy, label] = USED_BY[section];
    const named = NAMED_BY[section];
    const nextDocs = new Map(((next[section] ?? []) as Node[]).map((d) => [String(d['key']), d]));
    for (const doc of ((live[section] ?? []) as Node[]).filter((d) => d['entity'] === t.entity)) {
      const owner = String(doc['key']);
      const after = nextDocs.get(owner);
      const still = new Set(after ? named(after, owner, t.name) : []);
      const renamed = new Set(after && t.newName && nameGoes ? named(after, owner, t.newName) : []);
      for (const path of named(doc, owner, t.name)) {
        const breaks = nameGoes && still.has(path);
        const what = !nameGoes ? `by its name, which stays` : breaks ? `, which ${t.change === 'removed' ? 'this plan removes' : `becomes "${t.newName}"`}: it names nothing after publishing` : renamed.has(path) ? `; the draft names it "${t.newName}" there` : '; the draft no longer does';
        uses.push({ entity: t.entity, field: t.key, change: t.change, usedBy, owner, path, breaks, message: `${label} "${owner}" ${breaks || !nameGoes ? 'names' : 'named'} ${t.entity}.${t.key} ("${t.name}") at ${path}${what.startsWith('by') ? ` ${what}` : what}` });
      }
    }
  }
  return uses;
}

/** Each reference that breaks is a risk the admin confirms by its id. */
export function breakingUseRisks(uses: readonly FieldUse[]): DataRisk[] {
  const seen = new Set<string>();
  // One risk per owner and field, however many places in it name the field.
  const once = (u: FieldUse) => !seen.has(`${u.usedBy}:${u.owner}:${u.entity}.${u.field}`) && Boolean(seen.add(`${u.usedBy}:${u.owner}:${u.entity}.${u.field}`));
  return uses
    .filter((u) => u.breaks && once(u))
    .map((u) => ({ id: `breaks-reference:${u.usedBy}:${u.owner}:${u.entity}.${u.field}`, kind: 'breaks-reference' as const, entity: u.entity, field: u.field, rows: 0, records: [], message: u.message, hint: u.usedBy === 'role' || u.usedBy === 'serve-anywhere' || u.usedBy === 'sharing-rule' ? 'Update it in the org file (importOrg) before or after publishing, or confirm' : 'Update the reference in the draft, or confirm', blocking: false }));
}
