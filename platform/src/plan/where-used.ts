import type { CompiledModel, MetadataSet } from '@lattice/runtime';
import type { ModelChange } from './model-change.js';
import type { DataRisk } from './plan.js';

/** Roles and sharing rules as stored in the platform's tables: they name fields too, outside the metadata. */
export interface StoredReferences {
  readonly roles: readonly { key: string; permissions: unknown }[];
  readonly sharingRules: readonly { key: string; entity: string; criteria: unknown }[];
}

/** One place that names a field the plan removes or renames, and whether it stops working. */
export interface FieldUse {
  readonly entity: string;
  /** The field's key in the live version. */
  readonly field: string;
  readonly change: 'removed' | 'renamed' | 'key-changed';
  readonly usedBy: 'role' | 'serve-anywhere' | 'sharing-rule' | 'rule-set' | 'tariff-catalog' | 'layer';
  /** The role, sharing rule, rule set or layer key; `tariffs` for the catalog. */
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
 * layers (by key) in the metadata. A reference in the live metadata that the
 * draft no longer has is listed as not breaking; one the publish would
 * leave pointing at nothing breaks.
 */
export function findWhereUsed(changes: readonly ModelChange[], live: CompiledModel | undefined, next: CompiledModel, stored: StoredReferences): FieldUse[] {
  if (!live) return [];
  const touched: Touched[] = changes.flatMap((c): Touched[] => {
    if (c.kind === 'field.removed') return [{ entity: c.entity, key: c.field, name: c.name, change: 'removed' }];
    if (c.kind === 'field.renamed') return [{ entity: c.entity, key: c.fromKey ?? c.field, name: c.from, change: c.fromKey ? 'key-changed' : 'renamed', newKey: c.field, newName: c.to }];
    return [];
  });
  return touched.flatMap((t) => [...storedUses(t, stored), ...metadataUses(t, live, next)]);
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
  if (live.tariffCustomerEntity === t.entity) scan('tariff-catalog', 'tariffs', live.source.tariffs, next.source.tariffs, byFact, 'The tariff catalog');
  const layerEntity = (layer: unknown) => (isNode(layer) && Array.isArray(layer['entities']) ? layer['entities'].find((e) => isNode(e) && e['key'] === t.entity) : undefined);
  const nextLayers = new Map(((next.source.layers ?? []) as Node[]).map((l) => [String(l['key']), l]));
  for (const layer of (live.source.layers ?? []) as Node[]) {
    const owner = String(layer['key']);
    scan('layer', owner, layerEntity(layer), layerEntity(nextLayers.get(owner)), (n) => n['key'] === t.key && t.newKey !== t.key, 'Layer');
  }
  return uses;
}

/** Each reference that breaks is a risk the admin confirms by its id. */
export function breakingUseRisks(uses: readonly FieldUse[]): DataRisk[] {
  return uses
    .filter((u) => u.breaks)
    .map((u) => ({ id: `breaks-reference:${u.usedBy}:${u.owner}:${u.entity}.${u.field}`, kind: 'breaks-reference' as const, entity: u.entity, field: u.field, rows: 0, records: [], message: u.message, hint: u.usedBy === 'role' || u.usedBy === 'serve-anywhere' || u.usedBy === 'sharing-rule' ? 'Update it in the org file (importOrg) before or after publishing, or confirm' : 'Update the reference in the draft, or confirm', blocking: false }));
}
