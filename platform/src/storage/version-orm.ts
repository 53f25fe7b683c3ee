import type { MikroORM } from '@mikro-orm/postgresql';
import { DatabaseSchema } from '@mikro-orm/postgresql';
import type { CompiledModel } from '@lattice/runtime';
import { PLATFORM_ENTITIES } from '../database/platform-entities.js';
import type { Database } from '../database/database.js';
import { createOrm } from '../database/platform-orm.js';
import { buildEntitySchemas, type RecordSchemas } from './entity-schemas.js';

const PLATFORM_ENTITY_NAMES = new Set(PLATFORM_ENTITIES.map((e) => e.meta.className));

/**
 * How each metadata version gets its own ORM metadata, in one place: a
 * separate MikroORM instance per version over the shared connection pool.
 * MikroORM's metadata of a served version is never rewritten; an old
 * version's instance is simply dropped (closing it would close the pool).
 */
export async function createVersionOrm(model: CompiledModel, database: Database): Promise<{ orm: MikroORM; schemas: RecordSchemas }> {
  const schemas = buildEntitySchemas(model);
  return { orm: await createOrm(database, schemas.all()), schemas };
}

/** The record tables (never the platform's) an ORM instance describes, as MikroORM's schema objects. */
export function recordTablesOf(orm: MikroORM): DatabaseSchema {
  const metadata = [...orm.getMetadata().getAll().values()].filter((meta) => !PLATFORM_ENTITY_NAMES.has(meta.className));
  return DatabaseSchema.fromMetadata(metadata, orm.em.getPlatform(), orm.config, 'public');
}
