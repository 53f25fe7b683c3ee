import DataLoader from 'dataloader';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import { RecordQueries } from './record-queries.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity, CompiledField, CompiledModel } from '@lattice/runtime';
import { toPlainRecord } from '../storage/plain-record.js';
import type { StoredRecord } from '../storage/stored-record.js';
import type { RecordGuard } from '../security/record-guard.js';
import { withScope } from '../security/row-scope.js';

/**
 * Batch loaders for one request, so that references and lists resolve in one
 * query per level of a GraphQL query, whatever the page size (no N+1).
 * Related records obey the actor's read scope like any other read: a
 * reference to a record outside it resolves to null, and a related list
 * holds only the records within it.
 */
export class RecordLoaders {
  readonly #byId = new Map<string, DataLoader<string, StoredRecord | null>>();
  readonly #lists = new Map<string, DataLoader<string, StoredRecord[]>>();
  readonly #queries: RecordQueries;

  constructor(
    private readonly model: CompiledModel,
    private readonly em: EntityManager,
    private readonly schemas: RecordSchemas,
    private readonly guard: RecordGuard,
  ) {
    this.#queries = new RecordQueries(em, schemas);
  }

  /** A referenced record (soft-deleted targets still resolve: the reference is history), with the given fields. */
  byId(entity: CompiledEntity, fields?: readonly string[]): DataLoader<string, StoredRecord | null> {
    const cacheKey = `${entity.key}|${fields?.join(',') ?? '*'}`;
    let loader = this.#byId.get(cacheKey);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const rows = await this.#queries.find(entity, withScope({ id: { $in: [...ids] } }, this.guard.filter(entity, 'read')), fields ? { fields } : {});
        const byId = new Map(rows.map((r) => [r['id'] as string, toPlainRecord(entity, r, fields)]));
        return ids.map((id) => byId.get(id) ?? null);
      });
      this.#byId.set(cacheKey, loader);
    }
    return loader;
  }

  /** Records of an inverse (one-to-many) or many-to-many field, by owner id, live ones only, in a stable order. */
  list(owner: CompiledEntity, field: CompiledField, fields?: readonly string[]): DataLoader<string, StoredRecord[]> {
    const cacheKey = `${owner.key}.${field.key}|${fields?.join(',') ?? '*'}`;
    let loader = this.#lists.get(cacheKey);
    if (!loader) {
      loader = new DataLoader((ownerIds) => this.loadList(owner, field, ownerIds, fields));
      this.#lists.set(cacheKey, loader);
    }
    return loader;
  }

  private async loadList(owner: CompiledEntity, field: CompiledField, ownerIds: readonly string[], fields?: readonly string[]): Promise<StoredRecord[][]> {
    const relation = field.relation;
    const target = relation ? this.model.entityByKey(relation.target) : undefined;
    if (!relation || !target) return ownerIds.map(() => []);
    const groups = new Map<string, StoredRecord[]>(ownerIds.map((id) => [id, []]));
    if (relation.kind === 'oneToMany') {
      const back = target.fieldByKey(relation.inverseOf ?? '');
      if (!back) return ownerIds.map(() => []);
      // The reference back to the owner groups the rows: read it whatever was asked.
      const read = fields ? [...new Set([...fields, back.name])] : undefined;
      const rows = await this.#queries.find(target, withScope({ [back.name]: { $in: [...ownerIds] }, deletedAt: null }, this.guard.filter(target, 'read')), { orderBy: { createdAt: 'asc', id: 'asc' }, ...(read ? { fields: read } : {}) });
      for (const row of rows) {
        const record = toPlainRecord(target, row, read);
        groups.get(record[back.name] as string)?.push(record);
      }
    } else {
      const owners = await this.em.find(this.schemas.of(owner), { id: { $in: [...ownerIds] } }, { populate: [field.name] as never, populateWhere: withScope({ deletedAt: null }, this.guard.filter(target, 'read')) as never, disableIdentityMap: true });
      for (const row of owners) {
        const items = (row as Record<string, { getItems(): Record<string, unknown>[] }>)[field.name]?.getItems() ?? [];
        groups.set((row as { id: string }).id, items.map((item) => toPlainRecord(target, item, fields ?? this.guard.readableFields(target))));
      }
    }
    return ownerIds.map((id) => groups.get(id) ?? []);
  }
}
