import { extendSchema, parse } from 'graphql';
import { compileModel, type CompileOptions, type FieldTypeRegistry } from '@lattice/runtime';
import { buildRecordSchema } from './build-record-schema.js';
import type { GraphqlExtension } from './plugin-extensions.js';

/**
 * graphql-js joins the problems of an SDL extension with blank lines; one
 * naming or extending a type the metadata will make (Customer, or Mutation,
 * which an API with no entities lacks) is no problem yet.
 */
const UNKNOWN_TYPE = /^(?:Unknown type "[^"]+"|Cannot extend type "[^"]+" because it is not defined)\.(?: Did you mean .*)?$/;

/**
 * Before anything opens: the plugins' GraphQL must parse and must not take
 * a name the API of every version has (`metadataVersion`, `auditLog`...),
 * or the start stops naming the plugin. The types and names a metadata
 * version makes (Customer, customers...) are checked when it is planned,
 * and for the live version when the node starts serving it.
 */
export function assertGraphqlExtensionsFit(extensions: readonly GraphqlExtension[], registry: FieldTypeRegistry, options: CompileOptions): void {
  if (!extensions.length) return;
  const empty = compileModel({ entities: [] }, registry, options);
  if (!empty.ok) throw new Error(empty.problems[0]?.message);
  let schema = buildRecordSchema(empty.value, () => {
    throw new Error('The API checked at start serves nothing');
  });
  for (const { plugin, graphql } of extensions) {
    const refuse = (why: string) => new Error(`Plugin "${plugin}" extends the GraphQL API, but its typeDefs do not fit the record API: ${why}`);
    let document;
    try {
      document = parse(graphql.typeDefs);
    } catch (error) {
      throw refuse((error as Error).message);
    }
    try {
      schema = extendSchema(schema, document);
    } catch (error) {
      const problems = (error as Error).message.split('\n\n').filter((message) => !UNKNOWN_TYPE.test(message));
      if (problems.length) throw refuse(problems.join('; '));
    }
  }
}
