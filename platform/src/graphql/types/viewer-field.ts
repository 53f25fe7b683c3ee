import { GraphQLBoolean, GraphQLID, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfig } from 'graphql';
import { SCALARS } from '../scalars.js';
import type { RecordContext } from '../record-context.js';
import type { ServedVersion } from '../../serve/served-version.js';
import { CAPABILITIES } from '../../security/permission-document.js';

const text = { type: new GraphQLNonNull(GraphQLString) };

const ViewerPosition = new GraphQLObjectType({
  name: 'ViewerPosition',
  description: 'A position you hold: a role in an org unit',
  fields: {
    unitId: { type: new GraphQLNonNull(GraphQLID) },
    unitKey: text,
    unitName: { type: SCALARS.JSON, description: 'The unit\'s localized name' },
    unitPath: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))), description: 'Unit keys from the group down to this unit' },
    role: text,
    roleLabel: { type: SCALARS.JSON, description: 'The role\'s localized label' },
    primary: { type: new GraphQLNonNull(GraphQLBoolean), description: 'The position you act from by default (effectiveMetadata, forms, views)' },
  },
});

const Viewer = new GraphQLObjectType({
  name: 'Viewer',
  description: 'You, as the APIs see you: who you are and the positions whose grants you act with',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    login: text,
    displayName: text,
    positions: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(ViewerPosition))) },
    channel: { ...text, description: 'The channel your writes come through, as form conditions see it ($user.channel)' },
    capabilities: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))), description: 'The capabilities your positions give you (metadata.read, layers.edit...): what a screen offers you; every API checks them again' },
  },
});

/**
 * `viewer`: the caller's own positions, primary first, what a screen shows
 * and what a view's `$user` operands (`id`, `unitId`, `unitPath`, `roles`)
 * stand for, and the capabilities they hold (the console offers the designer
 * by them). It reveals nothing but the caller's own grants.
 */
export function viewerField(version: () => ServedVersion): GraphQLFieldConfig<unknown, RecordContext> {
  return {
    type: new GraphQLNonNull(Viewer),
    description: 'You: your login, name and the positions you hold',
    resolve: (_root, _args, context) => {
      const access = context.accessFor(version());
      const directory = access.options.directory;
      const held = [...access.actor.grants.positions].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
      const positions = held.flatMap((p) => {
        const unit = directory.byId(p.unitId);
        return unit ? [{ unitId: unit.id, unitKey: unit.key, unitName: unit.name, unitPath: directory.pathKeysOfId(unit.id), role: p.roleKey, roleLabel: p.roleLabel ?? null, primary: p === held[0] }] : [];
      });
      return { id: context.user.userId, login: context.user.login, displayName: context.user.displayName, positions, channel: access.options.writeChannel, capabilities: CAPABILITIES.filter((c) => access.actor.grants.has(c)) };
    },
  };
}
