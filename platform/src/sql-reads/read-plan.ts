import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { CompiledEntity, CompiledField, CompiledModel } from '@lattice/runtime';
import { graphqlNames } from '../graphql/graphql-names.js';
import type { FallbackReason } from './fallback-reasons.js';

type Variables = Record<string, unknown>;

/** A record-valued selection (a read by id, a page's node, a reference, a related list's item), in response order. */
export interface RecordSelection {
  readonly entity: CompiledEntity;
  readonly items: readonly SelectionItem[];
  /** Stored fields asked for (id always), as the resolvers' `selection.recordFields` names them. */
  readonly storedFields: readonly string[];
}

export type SelectionItem =
  | { readonly key: string; readonly kind: 'typename'; readonly typename: string }
  | { readonly key: string; readonly kind: 'value'; readonly field: CompiledField }
  | { readonly key: string; readonly kind: 'reference'; readonly field: CompiledField; readonly target: CompiledEntity; readonly record: RecordSelection }
  | { readonly key: string; readonly kind: 'related'; readonly field: CompiledField; readonly target: CompiledEntity; readonly record: RecordSelection };

export type ConnectionItem =
  | { readonly key: string; readonly kind: 'typename'; readonly typename: string }
  | { readonly key: string; readonly kind: 'nodes' | 'totalCount' }
  | { readonly key: string; readonly kind: 'pageInfo'; readonly items: readonly { readonly key: string; readonly name: string }[] }
  | { readonly key: string; readonly kind: 'edges'; readonly items: readonly { readonly key: string; readonly name: 'cursor' | 'node' | '__typename'; readonly typename?: string }[] };

/** A root field the compiled path answers: its arguments are read per request from the field node and the variables. */
export type RootRead =
  | { readonly key: string; readonly kind: 'typename' }
  | { readonly key: string; readonly kind: 'metadataVersion' }
  | { readonly key: string; readonly kind: 'get'; readonly entity: CompiledEntity; readonly node: FieldNode; readonly definition: GraphQLField<unknown, unknown>; readonly record: RecordSelection }
  | {
      readonly key: string;
      readonly kind: 'list';
      readonly entity: CompiledEntity;
      readonly node: FieldNode;
      readonly definition: GraphQLField<unknown, unknown>;
      readonly items: readonly ConnectionItem[];
      /** The page's records as `nodes` and as `edges { node }` show them; absent when not asked. */
      readonly nodes?: RecordSelection;
      readonly edgeNode?: RecordSelection;
      /** Stored fields of `nodes` and `edges { node }` together (the resolvers' `selection.connectionFields`). */
      readonly storedFields: readonly string[];
      readonly includeCount: boolean;
    };

/** One query operation planned against one version, for one set of `@skip`/`@include` values. */
export interface ReadPlan {
  readonly kind: 'plan';
  /** Identifies the plan within its version: the document, operation and directive values it was planned for. */
  readonly key: string;
  readonly roots: readonly RootRead[];
}

export interface Unplanned {
  readonly kind: 'fallback';
  readonly reason: FallbackReason;
  readonly detail: string;
}

class NotPlanned extends Error {
  constructor(readonly reason: FallbackReason, readonly detail: string) {
    super(detail);
  }
}

/**
 * Plans a query operation as the generated schema would resolve it: root
 * record reads (by id, lists), their records' values, references and related
 * lists, and the connection parts, with fragments, aliases and
 * `@skip`/`@include` applied and fields merged by response key as GraphQL
 * merges them. What it cannot plan is named by a fallback reason, and the
 * operation goes to the resolvers. Pure: no permission and no value is
 * looked at here; the access point checks both on every request.
 */
export function planOperation(schema: GraphQLSchema, model: CompiledModel, operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, variables: Variables, key: string): ReadPlan | Unplanned {
  if (operation.operation !== 'query') return { kind: 'fallback', reason: 'not-a-query', detail: `a ${operation.operation}` };
  try {
    const planner = new Planner(schema, model, fragments, variables);
    return { kind: 'plan', key, roots: planner.roots(operation.selectionSet) };
  } catch (error) {
    if (error instanceof NotPlanned) return { kind: 'fallback', reason: error.reason, detail: error.detail };
    throw error;
  }
}

/** The variables `@skip`/`@include` read anywhere in a document: a plan holds for one set of their values. */
export function directiveVariables(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      for (const d of s.directives ?? []) for (const a of d.arguments ?? []) if (a.value.kind === Kind.VARIABLE) names.add(a.value.name.value);
      if (s.kind === Kind.FRAGMENT_SPREAD) {
        if (seen.has(s.name.value)) continue;
        seen.add(s.name.value);
        visit(fragments.get(s.name.value)?.selectionSet);
      } else visit(s.selectionSet);
    }
  };
  visit(operation.selectionSet);
  return [...names].sort();
}

class Planner {
  readonly #roots = new Map<string, { entity: CompiledEntity; kind: 'get' | 'list' }>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly model: CompiledModel,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Variables,
  ) {
    for (const entity of model.entities) {
      this.#roots.set(graphqlNames.getQuery(entity), { entity, kind: 'get' });
      this.#roots.set(graphqlNames.listQuery(entity), { entity, kind: 'list' });
    }
  }

  roots(set: SelectionSetNode): RootRead[] {
    const query = this.schema.getQueryType() as GraphQLObjectType;
    return [...this.collect(query, [set])].map(([key, nodes]) => {
      const node = nodes[0] as FieldNode;
      const name = node.name.value;
      if (name === '__typename') return { key, kind: 'typename' as const };
      if (name === 'metadataVersion') return { key, kind: 'metadataVersion' as const };
      const root = this.#roots.get(name);
      const definition = query.getFields()[name];
      if (!root || !definition) throw new NotPlanned('root-field', `Query.${name} is not a record read`);
      if (nodes.length > 1 && !sameArguments(nodes)) throw new NotPlanned('merged-arguments', `Query.${name} is asked twice under "${key}"`);
      if (root.kind === 'get') return { key, kind: 'get' as const, entity: root.entity, node, definition, record: this.record(root.entity, nodes) };
      return this.connection(key, root.entity, nodes, node, definition);
    });
  }

  private connection(key: string, entity: CompiledEntity, nodes: readonly FieldNode[], node: FieldNode, definition: GraphQLField<unknown, unknown>): RootRead {
    const type = this.schema.getType(graphqlNames.connection(entity)) as GraphQLObjectType;
    const items: ConnectionItem[] = [];
    let nodesSelection: RecordSelection | undefined;
    let edgeNode: RecordSelection | undefined;
    for (const [itemKey, fieldNodes] of this.collect(type, nodes.map((n) => n.selectionSet))) {
      const name = (fieldNodes[0] as FieldNode).name.value;
      if (name === '__typename') items.push({ key: itemKey, kind: 'typename', typename: type.name });
      else if (name === 'totalCount') items.push({ key: itemKey, kind: 'totalCount' });
      else if (name === 'nodes') {
        if (nodesSelection) throw new NotPlanned('aliased-connection-part', `${type.name}.nodes is asked under two names`);
        nodesSelection = this.record(entity, fieldNodes);
        items.push({ key: itemKey, kind: 'nodes' });
      } else if (name === 'pageInfo') {
        const pageInfo = this.schema.getType('PageInfo') as GraphQLObjectType;
        items.push({ key: itemKey, kind: 'pageInfo', items: [...this.collect(pageInfo, fieldNodes.map((n) => n.selectionSet))].map(([k, f]) => ({ key: k, name: (f[0] as FieldNode).name.value })) });
      } else if (name === 'edges') {
        if (items.some((i) => i.kind === 'edges')) throw new NotPlanned('aliased-connection-part', `${type.name}.edges is asked under two names`);
        const edge = this.schema.getType(graphqlNames.edge(entity)) as GraphQLObjectType;
        const edgeItems: { key: string; name: 'cursor' | 'node' | '__typename'; typename?: string }[] = [];
        for (const [k, f] of this.collect(edge, fieldNodes.map((n) => n.selectionSet))) {
          const edgeField = (f[0] as FieldNode).name.value as 'cursor' | 'node' | '__typename';
          if (edgeField === 'node') {
            if (edgeNode) throw new NotPlanned('aliased-connection-part', `${edge.name}.node is asked under two names`);
            edgeNode = this.record(entity, f);
          }
          edgeItems.push({ key: k, name: edgeField, ...(edgeField === '__typename' ? { typename: edge.name } : {}) });
        }
        items.push({ key: itemKey, kind: 'edges', items: edgeItems });
      } else throw new NotPlanned('unknown-field', `${type.name}.${name}`);
    }
    const storedFields = [...new Set([...(nodesSelection?.storedFields ?? ['id']), ...(edgeNode?.storedFields ?? [])])];
    return {
      key,
      kind: 'list',
      entity,
      node,
      definition,
      items,
      ...(nodesSelection ? { nodes: nodesSelection } : {}),
      ...(edgeNode ? { edgeNode } : {}),
      storedFields,
      includeCount: items.some((i) => i.kind === 'totalCount'),
    };
  }

  private record(entity: CompiledEntity, nodes: readonly FieldNode[]): RecordSelection {
    const type = this.schema.getType(graphqlNames.object(entity)) as GraphQLObjectType;
    const items: SelectionItem[] = [];
    const stored = new Set(['id']);
    for (const [key, fieldNodes] of this.collect(type, nodes.map((n) => n.selectionSet))) {
      const name = (fieldNodes[0] as FieldNode).name.value;
      if (name === '__typename') {
        items.push({ key, kind: 'typename', typename: type.name });
        continue;
      }
      const field = entity.fieldByName(name);
      if (!field) throw new NotPlanned('unknown-field', `${type.name}.${name} is not a field of ${entity.name} (a plugin's)`);
      if (fieldNodes.some((n) => n.arguments?.length)) throw new NotPlanned('unknown-field', `${type.name}.${name} with arguments`);
      const relation = field.relation;
      const target = relation ? this.model.entityByKey(relation.target) : undefined;
      if (field.column) stored.add(field.name);
      if (relation?.kind === 'reference' && target) items.push({ key, kind: 'reference', field, target, record: this.record(target, fieldNodes) });
      else if (relation?.kind === 'oneToMany' && target) items.push({ key, kind: 'related', field, target, record: this.record(target, fieldNodes) });
      else if (relation?.kind === 'manyToMany') throw new NotPlanned('many-to-many', `${entity.name}.${name} is a many-to-many list`);
      else if (field.column && !relation) items.push({ key, kind: 'value', field });
      else throw new NotPlanned('unknown-field', `${type.name}.${name}`);
    }
    return { entity, items, storedFields: [...stored] };
  }

  /** The fields of selection sets by response key, in first-seen order, as GraphQL's CollectFields merges them. */
  private collect(type: GraphQLObjectType, sets: readonly (SelectionSetNode | undefined)[]): Map<string, FieldNode[]> {
    const out = new Map<string, FieldNode[]>();
    const visited = new Set<string>();
    const visit = (set: SelectionSetNode | undefined) => {
      for (const s of set?.selections ?? []) {
        if (!this.included(s)) continue;
        if (s.kind === Kind.FIELD) {
          const key = s.alias?.value ?? s.name.value;
          out.set(key, [...(out.get(key) ?? []), s]);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          if (!s.typeCondition || s.typeCondition.name.value === type.name) visit(s.selectionSet);
        } else {
          const fragment = this.fragments.get(s.name.value);
          if (!fragment || visited.has(s.name.value) || fragment.typeCondition.name.value !== type.name) continue;
          visited.add(s.name.value);
          visit(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) visit(set);
    return out;
  }

  private included(node: { readonly directives?: readonly unknown[] | undefined }): boolean {
    const n = node as Parameters<typeof getDirectiveValues>[1];
    if (getDirectiveValues(GraphQLSkipDirective, n, this.variables)?.['if'] === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, n, this.variables)?.['if'] !== false;
  }
}

/** Two nodes of one response key ask the same thing only when their arguments are written the same (validation saw to the rest). */
function sameArguments(nodes: readonly FieldNode[]): boolean {
  const text = (n: FieldNode) => JSON.stringify((n.arguments ?? []).map((a) => [a.name.value, a.value]), (k, v) => (k === 'loc' ? undefined : v));
  return nodes.every((n) => text(n) === text(nodes[0] as FieldNode));
}

/** A root field's arguments for this request, coerced as the resolvers get them. */
export function argumentsOf(read: { readonly node: FieldNode; readonly definition: GraphQLField<unknown, unknown> }, variables: Variables): Record<string, unknown> {
  return getArgumentValues(read.definition, read.node, variables);
}
