import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { CompiledEntity } from '@lattice/runtime';

const recordFieldsByNode = new WeakMap<FieldNode, string[]>();

/**
 * What a query asks for under the resolved field, so reads fetch only the
 * columns it will use. Fragments and inline fragments are followed.
 */
export const selection = {
  /** The names selected directly under the resolved field (aliases read as their field). */
  names(info: GraphQLResolveInfo): Set<string> {
    return new Set(fieldsUnder(info.fieldNodes, info).map((node) => node.name.value));
  },

  /** Whether `name` is selected directly under the resolved field. */
  has(info: GraphQLResolveInfo, name: string): boolean {
    return fieldsUnder(info.fieldNodes, info).some((node) => node.name.value === name);
  },

  /**
   * Record fields to read for a record-valued field (`customer(id)`, a
   * reference, a related list). Resolved once per field of the query, not
   * per record of a page: the answer is kept on the query's field node.
   */
  recordFields(entity: CompiledEntity, info: GraphQLResolveInfo): string[] {
    const node = info.fieldNodes[0];
    const cached = node ? recordFieldsByNode.get(node) : undefined;
    if (cached) return cached;
    const fields = storedFields(entity, fieldsUnder(info.fieldNodes, info));
    if (node) recordFieldsByNode.set(node, fields);
    return fields;
  },

  /** Record fields to read for a connection: those selected under `nodes` and `edges { node }`. */
  connectionFields(entity: CompiledEntity, info: GraphQLResolveInfo): string[] {
    const top = fieldsUnder(info.fieldNodes, info);
    const nodes = top.filter((f) => f.name.value === 'nodes');
    const edgeNodes = fieldsUnder(top.filter((f) => f.name.value === 'edges'), info).filter((f) => f.name.value === 'node');
    return storedFields(entity, fieldsUnder([...nodes, ...edgeNodes], info));
  },
};

/** Stored columns among the selected names; id always (lists and references hang off it). */
function storedFields(entity: CompiledEntity, nodes: FieldNode[]): string[] {
  const names = new Set(['id']);
  for (const node of nodes) {
    const field = entity.fieldByName(node.name.value);
    if (field?.column) names.add(field.name);
  }
  return [...names];
}

function fieldsUnder(nodes: readonly FieldNode[], info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) out.push(s);
      else if (s.kind === Kind.INLINE_FRAGMENT) visit(s.selectionSet);
      else visit(info.fragments[s.name.value]?.selectionSet);
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return out;
}
