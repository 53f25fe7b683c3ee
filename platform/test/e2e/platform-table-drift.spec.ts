import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';

/** The tables the timers, time limits and calendars write in SQL, declared to the ORM (`*-entities.ts`) so the drift check sees them. */
const TABLES = ['lattice_timer', 'lattice_sla_escalation', 'lattice_business_calendar'];

/** What MikroORM would change in these tables to match their declared schemas: added, dropped or retyped columns, tables missing. */
async function columnDrift(lattice: TestPlatform): Promise<string[]> {
  const generator = lattice.live.current.orm.schema as unknown as { getUpdateSchemaSQL(o: object): Promise<string> };
  const sql = await generator.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: false });
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter((s) => TABLES.some((t) => s.includes(`"${t}"`)))
    // Foreign keys, partial indexes and check constraints are the migrations' own; the schemas do not repeat them.
    .filter((s) => !/ (add|drop) constraint "lattice_\w+(_foreign|_fkey|__state)"|^(create|drop) index "lattice_/.test(s));
}

describe('the timer, escalation and calendar tables agree with their declared schemas', () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform();
  });
  afterAll(() => lattice?.stop());

  it('has no column drift after the migrations', async () => {
    expect(await columnDrift(lattice)).toEqual([]);
  });

  it('sees a column a migration would have left out', async () => {
    await lattice.sql(`alter table lattice_timer drop column used_ms`);
    await lattice.sql(`alter table lattice_business_calendar alter column updated_by type varchar(50)`);
    const drift = await columnDrift(lattice);
    expect(drift).toEqual(expect.arrayContaining([expect.stringMatching(/alter table "lattice_timer" add "used_ms" bigint null/), expect.stringMatching(/"lattice_business_calendar".*"updated_by".*varchar\(200\)/)]));
  });
});
