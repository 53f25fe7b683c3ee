import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { CompiledModel } from '@lattice/runtime';
import type { Database } from '../database/database.js';
import { createVersionOrm } from '../storage/version-orm.js';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import { buildRecordSchema } from '../graphql/build-record-schema.js';

/**
 * Everything served for one published metadata version, built together
 * once and never mutated: the compiled model, its ORM instance and its
 * GraphQL schema with resolvers bound to this version.
 */
export interface ServedVersion {
  readonly version: number;
  readonly model: CompiledModel;
  readonly orm: MikroORM;
  /** MikroORM entity schemas of this version's records. */
  readonly records: RecordSchemas;
  readonly schema: GraphQLSchema;
}

export async function buildServedVersion(version: number, model: CompiledModel, database: Database): Promise<ServedVersion> {
  const { orm, schemas } = await createVersionOrm(model, database);
  const served: { version: number; model: CompiledModel; orm: MikroORM; records: RecordSchemas; schema?: GraphQLSchema } = { version, model, orm, records: schemas };
  served.schema = buildRecordSchema(model, () => served as ServedVersion);
  return Object.freeze(served as ServedVersion);
}
