import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity } from '@lattice/runtime';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import { templatedFind } from './query-templates.js';

type Row = Record<string, unknown>;

/**
 * Reads through MikroORM's driver: the ORM builds every query (filters,
 * joins through references, `$some`, keyset cursors) once per shape
 * (`query-templates.ts`), and rows come back as plain objects keyed by field
 * name, without the entity hydration and identity map a read-only API has no
 * use for (it costs about as much again as the query itself on a page of 50).
 */
export class RecordQueries {
  constructor(
    private readonly em: EntityManager,
    private readonly schemas: RecordSchemas,
  ) {}

  find(entity: CompiledEntity, where: Record<string, unknown>, options: Record<string, unknown> = {}): Promise<Row[]> {
    return templatedFind(this.em, this.metadataOf(entity), where, options);
  }

  count(entity: CompiledEntity, where: Record<string, unknown>): Promise<number> {
    return this.em.getDriver().count(this.nameOf(entity) as never, where as never, { ctx: this.em.getTransactionContext() } as never);
  }

  /** The SQL selecting the ids (or another field) of the records a filter matches, with its values inlined: a subquery to reuse. */
  idsQuery(entity: CompiledEntity, where: Record<string, unknown>, field = 'id'): string {
    return this.em.createQueryBuilder(this.nameOf(entity) as never, 'r').select(field as never).where(where as never).getFormattedQuery();
  }

  metadataOf(entity: CompiledEntity) {
    return this.em.getMetadata().get(this.nameOf(entity) as never);
  }

  private nameOf(entity: CompiledEntity): string {
    return this.schemas.of(entity).meta.className;
  }
}
