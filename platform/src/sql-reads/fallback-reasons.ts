/**
 * Why an operation went to the resolvers instead of one SQL statement: one
 * name per query shape the compiled path does not cover (README.md lists
 * them). Counted per reason, so an operator sees which shapes still cost
 * field-by-field resolution.
 */
export const FALLBACK_REASONS = {
  'switched-off': 'LATTICE_COMPILED_READS=off',
  'not-a-query': 'mutations (and subscriptions) run their write pipeline',
  'invalid-variables': 'variables that do not coerce: the executor reports them',
  'root-field': 'a root field other than a record read by id, a record list, metadataVersion or __typename (effectiveMetadata, forms, views, auditLog, priceQuote, plugin fields…)',
  'merged-arguments': 'one response key asked twice with different arguments',
  'aliased-connection-part': 'nodes, edges or edges.node asked under two response keys of one list',
  'unknown-field': 'a field the compiled model does not declare (a plugin’s GraphQL)',
  'many-to-many': 'a many-to-many list',
  'wide-selection': 'an operation of more than 50 root fields (the statement’s root object is a json_build_object, which takes 100 arguments)',
  'long-response-key': 'a response key of a record longer than 63 characters (Postgres cuts the names row_to_json writes)',
  'unknown-schema': 'a schema no served version was built with',
  'refused': 'a read the access point refuses (hidden field, forbidden entity, bad filter, cursor or page size): the resolvers give the very same error',
  'statement-failed': 'the statement failed in the database: answered by the resolvers (a statement Postgres refuses is not tried again on that version)',
} as const;

export type FallbackReason = keyof typeof FALLBACK_REASONS;

/** How many operations each path answered since the process started, with the fallbacks by reason. */
export interface CompiledReadStats {
  compiled: number;
  fallback: Record<FallbackReason, number>;
}

export function emptyStats(): CompiledReadStats {
  return { compiled: 0, fallback: Object.fromEntries(Object.keys(FALLBACK_REASONS).map((r) => [r, 0])) as Record<FallbackReason, number> };
}
