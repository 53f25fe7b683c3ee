import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Whether the query selects `name` directly under the resolved field (through fragments too). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && inSelection(node.selectionSet, name, info));
}

function inSelection(selectionSet: SelectionSetNode, name: string, info: GraphQLResolveInfo): boolean {
  return selectionSet.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name;
    if (selection.kind === Kind.INLINE_FRAGMENT) return inSelection(selection.selectionSet, name, info);
    const fragment = info.fragments[selection.name.value];
    return fragment !== undefined && inSelection(fragment.selectionSet, name, info);
  });
}
