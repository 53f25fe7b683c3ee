import { ref, watch, type Ref } from 'vue';
import { copyDocument } from './draft-set.js';

/**
 * The copy of the routed document that an editor changes: taken again
 * whenever the route names another document or the draft reloads (after a
 * save, the saved document; after the first save of a new one, its route);
 * with no document named, the first one is opened.
 */
export function useWorkingCopy<T extends { key: string }>(documents: Ref<readonly T[]>, key: () => string | undefined, open: (key: string) => void, taken?: (copy: T) => void): Ref<T | null> {
  const working = ref(null) as Ref<T | null>;
  watch(
    () => [key(), documents.value] as const,
    ([routed], before) => {
      // A new document just saved (the route still names the one open before): open the new one instead of falling back.
      const created = working.value && working.value.key !== routed && before?.[0] === routed && documents.value.find((d) => d.key === working.value?.key);
      if (created) return open(created.key);
      const found = documents.value.find((d) => d.key === key());
      if (found) {
        working.value = copyDocument(found);
        taken?.(working.value);
      } else if (!key() && documents.value[0]) open(documents.value[0].key);
    },
    { immediate: true },
  );
  return working;
}
