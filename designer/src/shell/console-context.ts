import { inject, provide, type InjectionKey, type Ref } from 'vue';
import type { ConsoleData } from './console-metadata.js';

const KEY: InjectionKey<Ref<ConsoleData | undefined>> = Symbol('console');

/** The shell hands its screens the signed-in user's metadata. */
export function provideConsole(data: Ref<ConsoleData | undefined>): void {
  provide(KEY, data);
}

export function useConsole(): Ref<ConsoleData | undefined> {
  const data = inject(KEY);
  if (!data) throw new Error('useConsole() outside the console shell');
  return data;
}
