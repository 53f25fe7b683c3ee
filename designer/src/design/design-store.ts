import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { MetadataSet } from '@lattice/runtime';
import type { AdminApi, DraftAnswer, DraftDocumentInfo } from './admin-api.js';

export interface OrgUnitInfo {
  key: string;
  name: unknown;
  depth: number;
  /** Keys from the root down to the unit. */
  path: string[];
}

/**
 * What the designer holds while an admin works: the draft seen whole (the
 * live set with the draft's documents), each document's draft version (a
 * save names the version it read, so a stale save is a conflict), and which
 * layers the admin may edit. Holders of `metadata.publish` may edit every
 * layer, the root's included: they edit the base documents; the others edit
 * only their units' layers.
 */
export const useDesignStore = defineStore('design', () => {
  const api = shallowRef<AdminApi | null>(null);
  const draft = ref<DraftAnswer | null>(null);
  const editableLayers = ref<string[]>([]);
  const units = ref<OrgUnitInfo[]>([]);
  const roles = ref<{ key: string; label: unknown }[]>([]);

  const rootUnit = computed(() => units.value.find((u) => u.depth === 0)?.key ?? null);
  const editsBase = computed(() => rootUnit.value !== null && editableLayers.value.includes(rootUnit.value));
  /** The layers a regional admin edits: their own units' (the top of their subtrees first). */
  const ownLayers = computed(() => units.value.filter((u) => editableLayers.value.includes(u.key) && !editableLayers.value.includes(u.path[u.path.length - 2] ?? '')).map((u) => u.key));
  const source = computed<MetadataSet | null>(() => (draft.value?.source as MetadataSet | undefined) ?? null);

  function apiOrThrow(): AdminApi {
    if (!api.value) throw new Error('The designer is not connected');
    return api.value;
  }

  async function connect(adminApi: AdminApi): Promise<void> {
    api.value = adminApi;
    const [answer, editable, org] = await Promise.all([adminApi.draft(), adminApi.editableLayers(), adminApi.org()]);
    draft.value = answer;
    editableLayers.value = editable;
    units.value = org.units;
    roles.value = org.roles;
  }

  async function reload(): Promise<void> {
    draft.value = await apiOrThrow().draft();
  }

  function documentInfo(section: string, key: string | null): Pick<DraftDocumentInfo, 'state' | 'version' | 'baseVersion'> {
    const found = draft.value?.documents.find((d) => d.section === section && (d.key ?? null) === key);
    return found ?? { state: 'live', version: 0, baseVersion: null };
  }

  async function save(section: string, key: string, document: unknown): Promise<void> {
    const info = documentInfo(section, key);
    await apiOrThrow().saveDocument(section, key, document, info.version, info.baseVersion ?? draft.value?.baseVersion ?? null);
    await reload();
  }

  async function discard(section: string, key: string): Promise<void> {
    await apiOrThrow().discardDocument(section, key, documentInfo(section, key).version);
    await reload();
  }

  async function saveLayer(layer: { key: string }): Promise<void> {
    const info = documentInfo('layers', layer.key);
    await apiOrThrow().saveLayer(layer, info.version, info.baseVersion ?? draft.value?.baseVersion ?? null);
    await reload();
  }

  return { api, draft, source, editableLayers, units, roles, rootUnit, editsBase, ownLayers, connect, reload, documentInfo, save, discard, saveLayer, apiOrThrow };
});
