import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompiledView } from './compiled-view.js';

/** The metadata set's key, and the compiled model's section, of list views. */
export const VIEWS_SECTION = 'views';

/** The version's shared list views. */
export function viewsOf(model: CompiledModel): readonly CompiledView[] {
  return model.section<readonly CompiledView[]>(VIEWS_SECTION) ?? [];
}

/** An entity's shared list views. */
export function entityViews(model: CompiledModel, entityKey: string): readonly CompiledView[] {
  return viewsOf(model).filter((v) => v.entity === entityKey);
}
