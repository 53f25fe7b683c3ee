import type { ViewDocument } from './view.document.js';

/** A checked view: the document, its filter known good against the entity. */
export interface CompiledView extends ViewDocument {
  /** True when the user (roles, unit path root first) is among those the view is shared with. */
  isSharedWith(user: { readonly roles: readonly string[]; readonly unitPath: readonly string[] }): boolean;
}
