import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { CompiledModel } from '@lattice/runtime';
import type { Database } from '../database/database.js';
import { createVersionOrm } from '../storage/version-orm.js';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import type { ServedVersion } from './served-version.js';

/**
 * Builds the record API of a version from its model; `served` gives the
 * finished version to resolvers when they run. Handed in by the
 * composition root (the GraphQL module with the plugins' extensions), so
 * serving knows no API of its own.
 */
export type ApiSchemaBuilder = (model: CompiledModel, served: () => ServedVersion) => GraphQLSchema;

/** Builds a version's ORM instance and GraphQL schema together; the schema's resolvers are bound to this version. */
export async function buildServedVersion(version: number, model: CompiledModel, database: Database, buildSchema: ApiSchemaBuilder): Promise<ServedVersion> {
  const { orm, schemas } = await createVersionOrm(model, database);
  const served: { version: number; model: CompiledModel; orm: MikroORM; records: RecordSchemas; schema?: GraphQLSchema } = { version, model, orm, records: schemas };
  served.schema = buildSchema(model, () => served as ServedVersion);
  return Object.freeze(served as ServedVersion);
}
