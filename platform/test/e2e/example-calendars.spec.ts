import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBusinessHours } from '@lattice/runtime';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { TELECOM_EXAMPLE } from '../support/example-org.js';
import { openExample } from '../../src/seed/example-package.js';
import { loadExampleCalendars } from '../../src/seed/first-start-example.js';
import { SYSTEM_ACTOR } from '../../src/security/actor.js';

describe("the example's business calendars", () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform();
    const example = openExample(TELECOM_EXAMPLE);
    await lattice.org.importDocument(await example.org(), SYSTEM_ACTOR);
    expect(await loadExampleCalendars(lattice, example)).toBe(4);
  });
  afterAll(() => lattice?.stop());

  const deadline = async (unit: string, from: string, hours: number) => addBusinessHours(await lattice.calendars.calendarOf(lattice.org.directory, lattice.org.directory.byKey(unit)!.id), new Date(`${from}+08:00`), hours).toISOString();

  it("gives each part of the operator its hours: head office's lunch break, the hotline round the clock, Wuhou's weekend halls", async () => {
    // Friday 2026-11-27 17:00 + 2 business hours.
    expect(await deadline('sc_cd', '2026-11-27T17:00:00', 2)).toBe(new Date('2026-11-30T10:00:00+08:00').toISOString());
    expect(await deadline('sc_cc', '2026-11-27T17:00:00', 2)).toBe(new Date('2026-11-27T19:00:00+08:00').toISOString());
    expect(await deadline('sc_cd_wh_h1', '2026-11-27T17:00:00', 2)).toBe(new Date('2026-11-28T10:30:00+08:00').toISOString());
    expect(await deadline('sc_cd_om', '2026-11-27T17:00:00', 2)).toBe(new Date('2026-11-28T10:00:00+08:00').toISOString());
    // Lunch: 11:00 + 2 h at head office resumes at 13:30.
    expect(await deadline('group', '2026-11-30T11:00:00', 2)).toBe(new Date('2026-11-30T14:30:00+08:00').toISOString());
  });

  it('closes for National Day 2026 everywhere but the hotline, and works the make-up Saturday', async () => {
    expect(await deadline('sc_cd', '2026-09-30T17:00:00', 2)).toBe(new Date('2026-10-08T10:00:00+08:00').toISOString());
    expect(await deadline('sc_cc', '2026-09-30T23:00:00', 2)).toBe(new Date('2026-10-01T01:00:00+08:00').toISOString());
    // 2026-10-10 is a Saturday worked in lieu (调休).
    expect(await deadline('sc_cd', '2026-10-09T17:00:00', 2)).toBe(new Date('2026-10-10T10:00:00+08:00').toISOString());
  });
});
