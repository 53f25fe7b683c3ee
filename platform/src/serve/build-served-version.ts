import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { CompiledModel } from '@lattice/runtime';
import type { Database } from '../database/database.js';
import { createVersionOrm } from '../storage/version-orm.js';
import type { RecordSchemas } from '../storage/entity-schemas.js';
import { buildRecordSchema } from '../graphql/build-record-schema.js';
import type { GraphqlExtension } from '../graphql/plugin-extensions.js';
import type { ServedVersion } from './served-version.js';

/** Builds a version's ORM instance and GraphQL schema (with the plugins' GraphQL) together; the schema's resolvers are bound to this version. */
export async function buildServedVersion(version: number, model: CompiledModel, database: Database, extensions: readonly GraphqlExtension[] = []): Promise<ServedVersion> {
  const { orm, schemas } = await createVersionOrm(model, database);
  const served: { version: number; model: CompiledModel; orm: MikroORM; records: RecordSchemas; schema?: GraphQLSchema } = { version, model, orm, records: schemas };
  served.schema = buildRecordSchema(model, () => served as ServedVersion, extensions);
  return Object.freeze(served as ServedVersion);
}
