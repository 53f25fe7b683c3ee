import type { CompiledEntity, ViewDocument } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { sharedView, withView } from '../views/list-view.js';
import { SavedViews, type SavedView, type SavedViewCheck, type SavedViewInput } from '../views/saved-views.js';
import type { AccessParts } from './access-parts.js';
import { assertFilterWithinLimits } from './filter-limits.js';
import { filterToQuery } from '../security/filter-to-query.js';
import type { ListArgs } from './record-reader.js';
import { viewsForUser } from './unit-screens.js';

/** A list query, optionally through a shared view (by key) or one of the caller's saved views (by id). */
export interface ViewListArgs extends ListArgs {
  view?: string | null;
  savedView?: string | null;
}

/**
 * The list views of the access point: the shared views the actor may use,
 * their own saved views, and a list query resolved through either.
 */
export class RecordViews {
  constructor(private readonly parts: AccessParts) {}

  /** The list query a view stands for, with the caller's own filter and sort ANDed in; as given without one. */
  async listArgs(entityName: string, args: ViewListArgs): Promise<ListArgs> {
    const { view, savedView, ...rest } = args;
    if (!view && !savedView) return rest;
    if (view && savedView) throw LatticeError.invalidInput('savedView', 'Name a shared view or one of your saved views, not both');
    const { model, guard, position, options } = this.parts;
    const entity = this.parts.authorize(entityName, 'read');
    const parts = view ? sharedView(model, entity, view, (v) => guard.unrestricted || v.isSharedWith(position.audience())) : await this.#savedViews().get(entity, savedView as string);
    return withView(rest, parts, view ? 'view' : 'savedView', options.maxPageSize);
  }

  /**
   * The entity's shared list views the actor is in the audience of and may
   * use: a view whose filter or sort needs a field their roles hide is left
   * out, and columns they cannot read are cut.
   */
  views(entityName: string): ViewDocument[] {
    const { model, guard, position } = this.parts;
    const entity = this.parts.authorize(entityName, 'read');
    const readable = (name: string) => guard.fieldNameReadable(entity, name);
    return viewsForUser(model, entity, position.audience(), guard.unrestricted, readable, (view) => this.#usable(entity, view, 'view'));
  }

  /** The caller's own saved views of the entity, each with what a publish since broke in it. */
  async savedViews(entityName: string): Promise<SavedView[]> {
    const entity = this.parts.authorize(entityName, 'read');
    return this.parts.actor.id ? this.#savedViews().list(entity) : [];
  }

  async saveView(entityName: string, input: SavedViewInput): Promise<SavedView> {
    const entity = this.parts.authorize(entityName, 'read');
    return this.#savedViews().save(entity, input, this.#savedViewCheck);
  }

  async renameSavedView(entityName: string, id: string, name: string): Promise<SavedView> {
    return this.#savedViews().rename(this.parts.authorize(entityName, 'read'), id, name);
  }

  async deleteSavedView(entityName: string, id: string): Promise<boolean> {
    return this.#savedViews().remove(this.parts.authorize(entityName, 'read'), id);
  }

  #savedViews(): SavedViews {
    const { em, model, actor, options } = this.parts;
    if (!actor.id) throw LatticeError.invalidInput('savedView', 'Only a signed-in user has saved views');
    return new SavedViews(em, model, actor.id, options);
  }

  /** A view saved must be one its owner can use: within the filter limits, on fields they may read. */
  readonly #savedViewCheck: SavedViewCheck = (entity, view) => {
    assertFilterWithinLimits(view.filter, this.parts.options.filterLimits, 'input.filter');
    this.parts.guard.assertReadable(entity, view.columns, 'input.columns');
    this.#usable(entity, view, 'input', true);
  };

  /** Whether the actor may filter and sort as the view does; with `orThrow`, the refusal itself. */
  #usable(entity: CompiledEntity, view: { filter?: Record<string, unknown> | null | undefined; sort?: readonly { field: string }[] | undefined }, path: string, orThrow = false): boolean {
    const { guard, model } = this.parts;
    if (guard.unrestricted) return true;
    try {
      guard.assertReadable(entity, (view.sort ?? []).map((s) => s.field), `${path}.sort`);
      filterToQuery(model, entity, view.filter, `${path}.filter`, { guard });
      return true;
    } catch (error) {
      if (orThrow || !(error instanceof LatticeError) || error.code !== 'FORBIDDEN') throw error;
      return false;
    }
  }
}
