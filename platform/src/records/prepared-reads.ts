import { LRUCache } from 'lru-cache';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompiledEntity } from '@lattice/runtime';
import type { ActorGrants } from '../security/actor-grants.js';
import type { RecordSchemas } from '../storage/entity-schemas.js';

type Row = Record<string, unknown>;

/** The SQL of one read by id, as the ORM built it, and where in its parameters the id goes. */
interface PreparedRead {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly idAt: number;
}

/** Stands for the id while the ORM builds the statement; never a real record's id. */
const ID_PLACEHOLDER = '00000000-0000-4000-8000-00000000cafe';
/** Shapes kept per actor: the distinct (entity, fields) reads their screens make; a client inventing shapes only evicts its own. */
const SHAPES_PER_ACTOR = 256;

const byActor = new WeakMap<ActorGrants, LRUCache<string, PreparedRead>>();

/**
 * Reads of one record by id (the API's `customer(id)`), with the SQL built by
 * MikroORM once per actor, version and shape (entity, fields, deleted or
 * not) and run again with only the id changed: building the query (filter,
 * row scope, fields) costs more CPU than the database spends answering it.
 * Rows are mapped by MikroORM's own result mapper, so they come out exactly
 * as its `find` returns them. The actor's row filter is fixed for the life of
 * their grants (a change of the org or of their shares makes new grants),
 * except for shares that expire, which the key holds: a statement kept with
 * their grants never outlives the scope it encodes.
 */
export class PreparedReads {
  constructor(
    private readonly em: EntityManager,
    private readonly schemas: RecordSchemas,
    private readonly modelHash: string,
  ) {}

  async byId(grants: ActorGrants, entity: CompiledEntity, id: string, shape: { fields: readonly string[]; includeDeleted: boolean }, where: (id: string) => Record<string, unknown>): Promise<Row | undefined> {
    const statement = this.#statement(grants, entity, shape, where);
    const params = [...statement.params];
    params[statement.idAt] = id;
    const [row] = await this.em.execute<Row[]>(statement.sql, params, 'all');
    return row ? (this.em.getDriver().mapResult(row, this.#meta(entity)) as Row) : undefined;
  }

  #statement(grants: ActorGrants, entity: CompiledEntity, shape: { fields: readonly string[]; includeDeleted: boolean }, where: (id: string) => Record<string, unknown>): PreparedRead {
    let cache = byActor.get(grants);
    if (!cache) byActor.set(grants, (cache = new LRUCache({ max: SHAPES_PER_ACTOR })));
    // The records shared with the actor are part of their row filter, and shares expire: the ones in force now are part of the key.
    const key = `${this.modelHash}|${entity.key}|${shape.includeDeleted}|${shape.fields.join(',')}|${grants.sharedIds(entity.key, 'read').join(',')}`;
    let statement = cache.get(key);
    if (!statement) {
      const qb = this.em.createQueryBuilder(this.#meta(entity).className as never, 'r').select([...shape.fields] as never).where(where(ID_PLACEHOLDER) as never).limit(1);
      const { sql, params } = qb.toQuery();
      const idAt = params.indexOf(ID_PLACEHOLDER);
      if (idAt < 0 || params.lastIndexOf(ID_PLACEHOLDER) !== idAt) throw new Error(`The read of ${entity.name} by id could not be prepared`);
      cache.set(key, (statement = { sql, params, idAt }));
    }
    return statement;
  }

  #meta(entity: CompiledEntity) {
    return this.em.getMetadata().get(this.schemas.of(entity).meta.className as never);
  }
}
