import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkViewFields, unstorableTextReason, type CompiledEntity, type CompiledModel, type Problem } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import { SavedViewEntity, type SavedViewRow } from './saved-view-entities.js';

/** A saved view as its owner reads it: what it names, and what of that the metadata no longer has. */
export interface SavedView {
  readonly id: string;
  /** The entity's API name. */
  readonly entity: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly filter: Record<string, unknown> | null;
  readonly sort: readonly { field: string; direction: 'asc' | 'desc' }[];
  readonly pageSize: number;
  /** Empty unless a publish since removed (or changed) what the view names: each problem at its path (`savedView.filter.tariff`). */
  readonly problems: readonly Problem[];
  readonly updatedAt: string;
}

export interface SavedViewInput {
  readonly name?: string | null;
  readonly columns?: readonly string[] | null;
  readonly filter?: Record<string, unknown> | null;
  readonly sort?: readonly { field: string; direction?: string | null }[] | null;
  readonly pageSize?: number | null;
}

/** What a view may use beyond the metadata: the caller's field security and filter rules, checked by the access point. */
export type SavedViewCheck = (entity: CompiledEntity, view: { columns: readonly string[]; filter: Record<string, unknown> | null; sort: readonly { field: string }[] }) => void;

const MAX_NAME = 100;

/**
 * One user's own saved list views: listed, saved, renamed and deleted only
 * by them (another user's view is as absent as one never saved). Each save
 * is checked as a shared view is at plan time (`checkViewFields`, the
 * runtime's filter language) and by `check` (the caller's field security);
 * a name taken by concurrent saves is a CONFLICT for all but one.
 */
export class SavedViews {
  constructor(
    private readonly em: EntityManager,
    private readonly model: CompiledModel,
    private readonly userId: string,
    private readonly pages: { readonly defaultPageSize: number; readonly maxPageSize: number },
  ) {}

  async list(entity: CompiledEntity): Promise<SavedView[]> {
    const rows = await this.em.fork().find(SavedViewEntity, { userId: this.userId, entityKey: entity.key }, { orderBy: { name: 'asc' } });
    return rows.map((row) => this.#viewOf(entity, row));
  }

  /** The caller's own view of the entity; NOT_FOUND for any other. */
  async get(entity: CompiledEntity, id: string): Promise<SavedView> {
    return this.#viewOf(entity, await this.#own(this.em.fork(), entity, id));
  }

  async save(entity: CompiledEntity, input: SavedViewInput, check: SavedViewCheck): Promise<SavedView> {
    const view = this.#checked(entity, input, check);
    const now = new Date();
    const row = { id: randomUUID(), userId: this.userId, entityKey: entity.key, ...view, createdAt: now, updatedAt: now };
    await this.#unique(entity, view.name, async () => {
      const em = this.em.fork();
      em.create(SavedViewEntity, row);
      await em.flush();
    });
    return this.#viewOf(entity, row);
  }

  async rename(entity: CompiledEntity, id: string, name: string): Promise<SavedView> {
    const em = this.em.fork();
    const row = await this.#own(em, entity, id);
    row.name = nameOf(name);
    row.updatedAt = new Date();
    await this.#unique(entity, row.name, () => em.flush());
    return this.#viewOf(entity, row);
  }

  async remove(entity: CompiledEntity, id: string): Promise<boolean> {
    const em = this.em.fork();
    em.remove(await this.#own(em, entity, id));
    await em.flush();
    return true;
  }

  #checked(entity: CompiledEntity, input: SavedViewInput, check: SavedViewCheck): Omit<SavedViewRow, 'id' | 'userId' | 'entityKey' | 'createdAt' | 'updatedAt'> {
    const name = nameOf(input.name);
    const columns = [...(input.columns ?? [])];
    if (columns.length === 0) throw LatticeError.invalidInput('input.columns', 'A view shows at least one column');
    const sort = (input.sort ?? []).map((s, i) => {
      const direction = (s.direction ?? 'asc').toLowerCase();
      if (direction !== 'asc' && direction !== 'desc') throw LatticeError.invalidInput(`input.sort[${i}].direction`, 'A sort direction is asc or desc');
      return { field: s.field, direction: direction as 'asc' | 'desc' };
    });
    const pageSize = input.pageSize ?? this.pages.defaultPageSize;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > this.pages.maxPageSize) throw LatticeError.invalidInput('input.pageSize', `A view's page size is a whole number from 1 to ${this.pages.maxPageSize}`);
    const filter = input.filter ?? null;
    const problems = checkViewFields(this.model, entity, { columns, sort, ...(filter ? { filter } : {}) }, 'input');
    if (problems.length) throw LatticeError.invalidFilter(problems);
    check(entity, { columns, filter, sort });
    return { name, columns, filter, sort, pageSize };
  }

  async #own(em: EntityManager, entity: CompiledEntity, id: string): Promise<SavedViewRow> {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await em.findOne(SavedViewEntity, { id, userId: this.userId, entityKey: entity.key }) : null;
    if (!row) throw LatticeError.notFound(`Saved view ${id} of ${entity.name}`);
    return row;
  }

  async #unique(entity: CompiledEntity, name: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw LatticeError.conflict(`You already have a view of ${entity.pluralName} named "${name}"`, { problems: [{ code: 'view.duplicate-name', path: 'input.name', message: `You already have a view of ${entity.pluralName} named "${name}"`, hint: 'Choose another name, or rename the other view' }] });
      throw error;
    }
  }

  /** The row as its owner reads it, checked against the metadata being served now. */
  #viewOf(entity: CompiledEntity, row: SavedViewRow): SavedView {
    const sort = row.sort ?? [];
    const filter = row.filter ?? null;
    return {
      id: row.id,
      entity: entity.name,
      name: row.name,
      columns: row.columns,
      filter,
      sort,
      pageSize: row.pageSize,
      problems: checkViewFields(this.model, entity, { columns: row.columns, sort, ...(filter ? { filter } : {}) }, 'savedView'),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

function nameOf(raw: string | null | undefined): string {
  const name = (raw ?? '').trim();
  if (!name) throw LatticeError.invalidInput('input.name', 'Give the view a name');
  if (name.length > MAX_NAME) throw LatticeError.limitExceeded('The length of a view name', MAX_NAME, name.length);
  const reason = unstorableTextReason(name);
  if (reason) throw LatticeError.invalidInput('input.name', `The name ${reason}`);
  return name;
}
