import { MikroORM, type EntitySchema, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Database } from './database.js';
import { DATABASE_ENTITIES } from './platform-entities.js';
import { Migration20261125PlatformTables } from './migrations/migration-20261125-platform-tables.js';
import { Migration20261125ConversionCheck } from './migrations/migration-20261125-conversion-check.js';
import { Migration20261201Organisation } from './migrations/migration-20261201-organisation.js';
import { Migration20261201Auth } from './migrations/migration-20261201-auth.js';
import { Migration20261202Sharing } from './migrations/migration-20261202-sharing.js';
import { Migration20261203SessionEndNotices } from './migrations/migration-20261203-session-end-notices.js';
import { Migration20261203Operations } from './migrations/migration-20261203-operations.js';
import { Migration20261204SignInAttempts } from './migrations/migration-20261204-sign-in-attempts.js';
import { Migration20261204DraftDocuments } from './migrations/migration-20261204-draft-documents.js';
import { Migration20261205SavedViews } from './migrations/migration-20261205-saved-views.js';
import { Migration20261206Workflows } from './migrations/migration-20261206-workflows.js';
import { Migration20261206Timers } from './migrations/migration-20261206-timers.js';
import { Migration20261207Approvals } from './migrations/migration-20261207-approvals.js';
import { Migration20261207RoleUpdatedBy } from './migrations/migration-20261207-role-updated-by.js';
import { Migration20261207SlaFigures } from './migrations/migration-20261207-sla-figures.js';

const MIGRATIONS = [
  { name: 'Migration20261125PlatformTables', class: Migration20261125PlatformTables },
  { name: 'Migration20261125ConversionCheck', class: Migration20261125ConversionCheck },
  { name: 'Migration20261201Organisation', class: Migration20261201Organisation },
  { name: 'Migration20261201Auth', class: Migration20261201Auth },
  { name: 'Migration20261202Sharing', class: Migration20261202Sharing },
  { name: 'Migration20261203SessionEndNotices', class: Migration20261203SessionEndNotices },
  { name: 'Migration20261203Operations', class: Migration20261203Operations },
  { name: 'Migration20261204SignInAttempts', class: Migration20261204SignInAttempts },
  { name: 'Migration20261204DraftDocuments', class: Migration20261204DraftDocuments },
  { name: 'Migration20261205SavedViews', class: Migration20261205SavedViews },
  { name: 'Migration20261206Workflows', class: Migration20261206Workflows },
  { name: 'Migration20261206Timers', class: Migration20261206Timers },
  { name: 'Migration20261207Approvals', class: Migration20261207Approvals },
  { name: 'Migration20261207RoleUpdatedBy', class: Migration20261207RoleUpdatedBy },
  { name: 'Migration20261207SlaFigures', class: Migration20261207SlaFigures },
];

/**
 * Creates a MikroORM instance on the shared pool. The platform ORM holds only
 * the platform's tables (`database/`'s own and the modules' the database was
 * opened with); each metadata version gets its own instance holding
 * the platform's tables plus that version's record entities (see
 * `storage/version-orm.ts`), so no instance's metadata is ever rewritten.
 */
export async function createOrm(database: Database, recordEntities: EntitySchema[] = []): Promise<MikroORM> {
  const options: Options = {
    entities: [...DATABASE_ENTITIES, ...database.moduleTables, ...recordEntities],
    driverOptions: database.kysely,
    dbName: database.name,
    discovery: { warnWhenNoEntities: false, checkDuplicateTableNames: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
    extensions: [Migrator],
    // Migrations are written by hand and listed below: no schema snapshot files.
    migrations: { silent: true, snapshot: false, snapshotOnMigrate: false, tableName: 'lattice_migrations', migrationsList: MIGRATIONS, transactional: true, allOrNothing: true },
    schemaGenerator: { ignoreSchema: ['pgboss'] },
  };
  return MikroORM.init(options);
}

/** Entity names of the platform's tables on this database (`database/`'s own and the modules'), to tell them from record tables. */
export function platformEntityNames(database: Database): ReadonlySet<string> {
  return new Set([...DATABASE_ENTITIES, ...database.moduleTables].map((e) => e.meta.className));
}

/** Brings the platform tables up to date. */
export async function migratePlatformTables(orm: MikroORM): Promise<void> {
  await orm.migrator.up();
}
