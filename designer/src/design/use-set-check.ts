import { onBeforeUnmount, shallowRef, watch, type Ref } from 'vue';
import type { MetadataSet } from '@lattice/runtime';
import { checkSet, copyDocument, type SetCheck } from './draft-set.js';

/** How long typing pauses before the runtime checks the set again: a whole set compiles in tens of milliseconds. */
const PAUSE_MS = 200;

/**
 * The runtime's check of the set being edited, run on a copy once typing
 * pauses (at once the first time), so each keystroke does not compile the
 * whole set and the screen stays responsive.
 */
export function useSetCheck(set: Ref<MetadataSet | null>): Ref<SetCheck | null> {
  const check = shallowRef<SetCheck | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (value: MetadataSet | null) => (check.value = value ? checkSet(copyDocument(value)) : null);
  watch(
    set,
    (value) => {
      clearTimeout(timer);
      if (!check.value) run(value);
      else timer = setTimeout(() => run(value), PAUSE_MS);
    },
    { deep: true, immediate: true },
  );
  onBeforeUnmount(() => clearTimeout(timer));
  return check;
}
