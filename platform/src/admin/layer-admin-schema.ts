import { parseLayerDocument, type FieldTypeRegistry, type MetadataSet } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgService } from '../org/org-service.js';
import type { MetadataService } from '../publish/metadata-service.js';
import { assertLayerEdit, editableLayerKeys, layerChangeProblems, withLayer } from '../publish/layer-editing.js';
import type { AdminContext } from './admin-context.js';
import { draftAnswer } from './draft-admin-schema.js';

export const layerTypeDefs = /* GraphQL */ `
  extend type Query {
    "A layer of the draft (the live metadata when no draft is saved), by the key of the unit that owns it"
    layer(key: String!, draft: String = "main"): JSON
    "Keys of the layers you may edit: your units' and those below them"
    editableLayers: [String!]!
  }
  extend type Mutation {
    """
    Puts one layer into the draft. A regional admin may save only the layers of their subtree, changing nothing a layer above locked.
    version: the version of the layer you read (draftDocument(section: "layers", key)); CONFLICT when the draft has it at another.
    Without it the layer is saved over whatever the draft has
    """
    saveLayer(layer: JSON!, version: Int, baseVersion: Int, draft: String = "main"): Draft!
  }
`;

type Args = Record<string, any>;

/** The layer part of the admin API, and the rule by which an editor of layers (not of the whole metadata) may publish. */
export function layerResolvers(metadata: MetadataService, org: OrgService, registry: FieldTypeRegistry) {
  const editable = (c: AdminContext) => {
    c.actor.grants.require('layers.edit', 'metadata.publish');
    return editableLayerKeys(c.actor, org.directory);
  };
  return {
    Query: {
      layer: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('metadata.read');
        const { source } = await metadata.getDraft(a['draft']);
        return ((source.layers ?? []) as { key: string }[]).find((l) => l.key === a['key']) ?? null;
      },
      editableLayers: (_r: unknown, _a: Args, c: AdminContext) => editable(c),
    },
    Mutation: {
      saveLayer: async (_r: unknown, a: Args, c: AdminContext) => {
        const keys = editable(c);
        const parsed = parseLayerDocument(a['layer']);
        if (!parsed.ok) throw LatticeError.invalidMetadata(parsed.problems);
        const name = a['draft'] ?? 'main';
        const { source } = await metadata.getDraft(name);
        assertLayerEdit(layerChangeProblems(source, withLayer(source, parsed.value), keys, org.directory, registry));
        const id = { section: 'layers', key: parsed.value.key };
        const version = a['version'] ?? (await metadata.drafts.document(name, id)).version;
        await metadata.drafts.saveDocument(name, id, parsed.value, version, c.actor, a['baseVersion'] ?? undefined);
        return draftAnswer(metadata, await metadata.getDraft(name));
      },
    },
  };
}

/**
 * Whether the actor may publish `source`: with `metadata.publish`, anything;
 * with `layers.edit` only, a change confined to the layers they may edit.
 */
export function assertMayPublish(c: AdminContext, live: MetadataSet, source: MetadataSet, org: OrgService, registry: FieldTypeRegistry): void {
  c.actor.grants.require('metadata.publish', 'layers.edit');
  if (c.actor.grants.has('metadata.publish')) return;
  assertLayerEdit(layerChangeProblems(live, source, editableLayerKeys(c.actor, org.directory), org.directory, registry));
}
