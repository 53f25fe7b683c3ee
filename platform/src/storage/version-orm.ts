import type { MikroORM } from '@mikro-orm/postgresql';
import { DatabaseSchema } from '@mikro-orm/postgresql';
import type { CompiledModel } from '@lattice/runtime';
import type { Database } from '../database/database.js';
import { createOrm, platformEntityNames } from '../database/platform-orm.js';
import { buildEntitySchemas, type RecordSchemas } from './entity-schemas.js';

/** The platform's entity names on each version ORM's database, so its record tables (with their join tables) can be told apart. */
const platformNamesOf = new WeakMap<MikroORM, ReadonlySet<string>>();

/**
 * How each metadata version gets its own ORM metadata, in one place: a
 * separate MikroORM instance per version over the shared connection pool.
 * MikroORM's metadata of a served version is never rewritten; an old
 * version's instance is simply dropped (closing it would close the pool).
 */
export async function createVersionOrm(model: CompiledModel, database: Database): Promise<{ orm: MikroORM; schemas: RecordSchemas }> {
  const schemas = buildEntitySchemas(model);
  const orm = await createOrm(database, schemas.all());
  platformNamesOf.set(orm, platformEntityNames(database));
  return { orm, schemas };
}

/** The record tables (never the platform's) an ORM instance describes, as MikroORM's schema objects. */
export function recordTablesOf(orm: MikroORM): DatabaseSchema {
  const platform = platformNamesOf.get(orm);
  if (!platform) throw new Error('recordTablesOf: the ORM was not made by createVersionOrm');
  const metadata = [...orm.getMetadata().getAll().values()].filter((meta) => !platform.has(meta.className));
  return DatabaseSchema.fromMetadata(metadata, orm.em.getPlatform(), orm.config, 'public');
}
