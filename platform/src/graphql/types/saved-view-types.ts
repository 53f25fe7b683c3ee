import { GraphQLBoolean, GraphQLID, GraphQLInputObjectType, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import { SCALARS } from '../scalars.js';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';
import type { SavedViewInput } from '../../records/record-access.js';

type Fields = Record<string, GraphQLFieldConfig<unknown, RecordContext>>;
type Args = Record<string, unknown>;

const text = { type: new GraphQLNonNull(GraphQLString) };
const texts = { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))) };
const entityArg = { entity: { type: new GraphQLNonNull(GraphQLString), description: 'The entity (its GraphQL type name)' } };

const ViewProblem = new GraphQLObjectType({ name: 'SavedViewProblem', fields: { code: text, path: text, message: text, hint: { type: GraphQLString } } });

const ViewSort = new GraphQLObjectType({ name: 'SavedViewSort', fields: { field: text, direction: text } });

const SavedView = new GraphQLObjectType({
  name: 'SavedView',
  description: 'A list view you saved for yourself: use it in a list query as savedView: id',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    entity: text,
    name: text,
    columns: texts,
    filter: { type: SCALARS.JSON, description: 'The record filter (values may name $user facts)' },
    sort: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(ViewSort))) },
    pageSize: { type: new GraphQLNonNull(GraphQLInt) },
    broken: { type: new GraphQLNonNull(GraphQLBoolean), description: 'True when a publish since removed or changed what the view names', resolve: (v: { problems: readonly unknown[] }) => v.problems.length > 0 },
    problems: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(ViewProblem))), description: 'What the view names that the metadata no longer has, each at its path' },
    updatedAt: { type: new GraphQLNonNull(SCALARS.DateTime) },
  },
});

const SavedViewInputType = new GraphQLInputObjectType({
  name: 'SavedViewInput',
  fields: {
    name: text,
    columns: texts,
    filter: { type: SCALARS.JSON, description: 'A record filter of the entity, as a list query takes it' },
    sort: { type: new GraphQLList(new GraphQLNonNull(new GraphQLInputObjectType({ name: 'SavedViewSortInput', fields: { field: text, direction: { type: GraphQLString, description: 'asc (default) or desc' } } }))) },
    pageSize: { type: GraphQLInt },
  },
});

/** `savedViews(entity)` and the mutations that save, rename and delete the caller's own views. */
export function savedViewFields(version: () => ServedVersion): { query: Fields; mutation: Fields } {
  const access = (context: RecordContext) => context.accessFor(version());
  const list = new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(SavedView)));
  const id = { id: { type: new GraphQLNonNull(GraphQLID) } };
  return {
    query: {
      savedViews: { type: list, description: 'Your own saved views of an entity', args: entityArg, resolve: (_r, a: Args, c) => access(c).savedViews(a['entity'] as string) },
    },
    mutation: {
      saveView: { type: new GraphQLNonNull(SavedView), description: 'Saves a list view for yourself; a name you already use for the entity is a CONFLICT', args: { ...entityArg, input: { type: new GraphQLNonNull(SavedViewInputType) } }, resolve: (_r, a: Args, c) => access(c).saveView(a['entity'] as string, a['input'] as SavedViewInput) },
      renameSavedView: { type: new GraphQLNonNull(SavedView), args: { ...entityArg, ...id, name: text }, resolve: (_r, a: Args, c) => access(c).renameSavedView(a['entity'] as string, a['id'] as string, a['name'] as string) },
      deleteSavedView: { type: new GraphQLNonNull(GraphQLBoolean), args: { ...entityArg, ...id }, resolve: (_r, a: Args, c) => access(c).deleteSavedView(a['entity'] as string, a['id'] as string) },
    },
  };
}
