/** A list view a user saved for themselves (`savedViews`, stored as records, not metadata). */
export interface SavedView {
  id: string;
  name: string;
  columns: string[];
  filter: unknown;
  sort: Array<{ field: string; direction: string }>;
  pageSize: number;
  broken: boolean;
}

export const SAVED_VIEWS_QUERY = 'query SavedViews($entity: String!) { savedViews(entity: $entity) { id name columns filter sort { field direction } pageSize broken } }';
export const SAVE_VIEW_MUTATION = 'mutation SaveView($entity: String!, $input: SavedViewInput!) { saved: saveView(entity: $entity, input: $input) { id name columns filter sort { field direction } pageSize broken } }';

/** Saved views share the view choice with shared ones: their keys cannot clash. */
export const savedViewKey = (id: string) => `saved:${id}`;

/** A saved view in the shape the list applies a shared view in. */
export function savedViewOf(view: SavedView): { key: string; label: unknown; columns: string[]; filter: unknown; sort: Array<{ field: string; direction: string }> | null; pageSize: number | null } {
  return { key: savedViewKey(view.id), label: view.name, columns: view.columns, filter: view.filter, sort: view.sort, pageSize: view.pageSize };
}
