/**
 * Names an admin may not give an entity or a field: SQL reserved words (they
 * would need quoting everywhere and break hand-written reports), GraphQL and
 * JavaScript names the generated API relies on, and the platform's own.
 */
const SQL_RESERVED = [
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'asymmetric', 'both', 'case', 'cast', 'check',
  'collate', 'column', 'constraint', 'create', 'current_catalog', 'current_date', 'current_role', 'current_time',
  'current_timestamp', 'current_user', 'default', 'deferrable', 'desc', 'distinct', 'do', 'else', 'end', 'except',
  'false', 'fetch', 'for', 'foreign', 'from', 'grant', 'group', 'having', 'in', 'initially', 'intersect', 'into',
  'lateral', 'leading', 'limit', 'localtime', 'localtimestamp', 'not', 'null', 'offset', 'on', 'only', 'or',
  'order', 'placing', 'primary', 'references', 'returning', 'select', 'session_user', 'some', 'symmetric', 'table',
  'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'variadic', 'when', 'where', 'window', 'with',
];

const API_RESERVED = [
  'node', 'nodes', 'edges', 'cursor', 'pageInfo', 'totalCount', 'filter',
  'orderBy', 'first', 'after', 'last', 'before', 'input', 'constructor', 'prototype', '__proto__', 'toString',
  'valueOf', 'hasOwnProperty', 'typename', 'true', 'false', 'null', 'undefined',
];

const ENTITY_RESERVED = [
  'Query', 'Mutation', 'PageInfo', 'SortDirection', 'Problem', 'Node', 'String', 'Int', 'Float', 'Boolean', 'ID', 'Money',
  'Decimal', 'Date', 'DateTime', 'JSON', 'BigInt', 'AuditEntry', 'Audit', 'User', 'OrgUnit', 'Role', 'Lattice',
  'Metadata', 'Version', 'Draft', 'Plan',
  // names of the platform's own queries, mutations and types beside the generated ones
  'AuditLog', 'AuditPage', 'AuditAction', 'AccessLog', 'AccessLogEntry', 'AccessLogPage', 'ServeGrant', 'ServeAnywhere', 'MetadataVersion', 'EffectiveMetadata', 'RecordShare', 'ShareRecord', 'RevokeShare', 'PriceQuote',
];

const reservedFieldNames = new Set([...SQL_RESERVED, ...API_RESERVED.map((n) => n.toLowerCase())]);
const reservedEntityNames = new Set(ENTITY_RESERVED.map((n) => n.toLowerCase()));

export function isReservedFieldName(name: string): boolean {
  return reservedFieldNames.has(name.toLowerCase());
}

export function isReservedEntityName(name: string): boolean {
  const lower = name.toLowerCase();
  return reservedEntityNames.has(lower) || SQL_RESERVED.includes(lower) || lower.startsWith('lattice');
}
