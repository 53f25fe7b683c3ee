import { onBeforeUnmount, ref, type Ref } from 'vue';

/** The current time, ticking every second while the component lives: time left counts down on screen. */
export function useNow(): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), 1000);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
