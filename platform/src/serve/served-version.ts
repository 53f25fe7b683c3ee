import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { CompiledModel } from '@lattice/runtime';
import type { RecordSchemas } from '../storage/entity-schemas.js';

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
