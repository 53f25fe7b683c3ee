import { GraphQLBoolean, GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig, type GraphQLOutputType } from 'graphql';
import { SCALARS } from '../scalars.js';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';

const text = { type: new GraphQLNonNull(GraphQLString) };
const json = (description: string) => ({ type: SCALARS.JSON, description });
const list = (type: GraphQLOutputType) => ({ type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type))) });
/** Logic is `true`, `false` or a json-rules-engine condition: the browser compiles it with the runtime, as the server does. */
const LOGIC = 'true, false, or a json-rules-engine condition (compile it with the runtime)';

const FormField = new GraphQLObjectType({
  name: 'FormField',
  description: 'One field of a form section: its API name, presentation and logic',
  fields: {
    field: text,
    label: json('Localized label, when the form overrides the field\'s'),
    help: json('Localized help text'),
    placeholder: json('Localized placeholder'),
    widget: { type: GraphQLString },
    visible: json(LOGIC),
    required: json(LOGIC),
    readOnly: json(LOGIC),
    readOnlyAfterCreate: json(LOGIC),
    invalid: json('{ when, message, hint }: the record is refused with the message when the condition holds'),
    options: json('[{ when, values }]: the first entry whose condition holds gives the allowed picklist values'),
  },
});

const FormSection = new GraphQLObjectType({
  name: 'FormSection',
  fields: {
    key: text,
    label: json('Localized label'),
    columns: { type: new GraphQLNonNull(GraphQLInt) },
    readOnly: { type: new GraphQLNonNull(GraphQLBoolean), resolve: (s: { readOnly?: boolean }) => s.readOnly === true },
    visible: json(LOGIC),
    fields: list(FormField),
    relatedList: json('{ field, columns, sort, pageSize }: a list of related records'),
  },
});

const FormTab = new GraphQLObjectType({ name: 'FormTab', fields: { key: text, label: json('Localized label'), sections: list(FormSection) } });

const Form = new GraphQLObjectType({
  name: 'Form',
  description: 'A form as your unit gets it: its layers\' layout, the fields your roles let you read, and the logic the server checks writes with',
  fields: {
    key: text,
    entity: text,
    label: json('Localized label'),
    isDefault: { type: new GraphQLNonNull(GraphQLBoolean) },
    audience: { type: SCALARS.JSON, description: '{ roles, channels, recordType }: who gets this form rather than the default', resolve: (f: { for?: unknown }) => f.for ?? null },
    conditions: json('Named conditions, used as { condition: name }'),
    layer: { type: GraphQLString, description: 'The unit whose layer re-laid the form out, when one did' },
    tabs: list(FormTab),
  },
});

const SharedView = new GraphQLObjectType({
  name: 'SharedView',
  description: 'A list view shared with you: its columns, filter (values may name $user facts) and sort',
  fields: { key: text, entity: text, label: json('Localized label'), columns: list(GraphQLString), filter: json('The record filter'), sort: json('[{ field, direction }]'), pageSize: { type: GraphQLInt } },
});

/** `forms(entity, unit)`: the entity's forms for your unit (the primary one by default). */
export function formsField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    ...list(Form),
    description: 'The forms of an entity (its GraphQL type name) as your unit gets them; writes are checked against the same forms',
    args: { entity: { type: new GraphQLNonNull(GraphQLString) }, unit: { type: GraphQLString, description: 'A unit you hold a position in; your primary one by default' } },
    resolve: (_root, args: Record<string, unknown>, context) => context.accessFor(version()).forms(args['entity'] as string, (args['unit'] as string | null) ?? null),
  };
}

/** `views(entity)`: the entity's list views shared with you. */
export function viewsField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    ...list(SharedView),
    description: 'The list views of an entity (its GraphQL type name) shared with you',
    args: { entity: { type: new GraphQLNonNull(GraphQLString) } },
    resolve: (_root, args: Record<string, unknown>, context) => context.accessFor(version()).views(args['entity'] as string),
  };
}
