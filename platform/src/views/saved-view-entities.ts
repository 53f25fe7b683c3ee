import { EntitySchema } from '@mikro-orm/postgresql';

/**
 * The list views users save for themselves: records of the platform, not
 * metadata. A name is one user's own per entity (a unique index, so that of
 * concurrent saves of one name exactly one wins); what a view names is held
 * to the metadata as it is when the view is used, not only when it was saved.
 */
export interface SavedViewRow {
  id: string;
  userId: string;
  entityKey: string;
  name: string;
  columns: string[];
  filter?: Record<string, unknown> | null;
  sort?: { field: string; direction: 'asc' | 'desc' }[] | null;
  pageSize: number;
  createdAt: Date;
  updatedAt: Date;
}

export const SavedViewEntity = new EntitySchema<SavedViewRow>({
  name: 'LatticeSavedView',
  tableName: 'lattice_saved_view',
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { type: 'uuid' },
    entityKey: { type: 'string', length: 48 },
    name: { type: 'string', length: 100 },
    columns: { type: 'json' },
    filter: { type: 'json', nullable: true },
    sort: { type: 'json', nullable: true },
    pageSize: { type: 'integer' },
    createdAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
  },
  uniques: [{ name: 'lattice_saved_view__name', properties: ['userId', 'entityKey', 'name'] }],
});

export const SAVED_VIEW_ENTITIES = [SavedViewEntity];
