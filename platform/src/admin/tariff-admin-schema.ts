import { LatticeError } from '../errors/lattice-error.js';
import type { MetadataService } from '../publish/metadata-service.js';
import type { Actor } from '../security/actor.js';
import type { RecordAccess } from '../records/record-access.js';
import { simulateOverLiveRecords } from '../tariffs/live-tariff-simulation.js';
import { todayIn } from '../tariffs/quote-request.js';
import type { AdminContext } from './admin-context.js';
import { tariffsOf } from '@lattice/runtime';

export const tariffTypeDefs = /* GraphQL */ `
  extend type Query {
    """
    Prices a month of the live subscriptions you may read under the tariff catalog in force and under a draft's
    (or the given metadata's): revenue per offering and per region, current vs draft, and the customers whose
    bill changes most. month: the billing month of the usage (the last full month by default); date: the day
    prices are read for (today by default); regionKind: the unit kind revenue is grouped by
    """
    simulateTariff(source: JSON, draft: String = "main", month: String, date: String, regionKind: String = "province", top: Int = 20): JSON!
  }
`;

type Args = Record<string, any>;

/** The tariff part of the admin API: simulations of a draft catalog over the live records, read with the caller's permissions. */
export function tariffResolvers(metadata: MetadataService, accessFor: (actor: Actor) => RecordAccess, timeZone: string) {
  return {
    Query: {
      simulateTariff: async (_r: unknown, a: Args, c: AdminContext) => {
        c.actor.grants.require('metadata.read');
        const source = a['source'] ?? (await metadata.getDraft(a['draft'])).source;
        const compiled = metadata.compile(source);
        if (!compiled.ok) throw LatticeError.invalidMetadata(compiled.problems);
        const draft = tariffsOf(compiled.value)?.catalog;
        if (!draft) throw LatticeError.invalidInput('source.tariffs', 'The draft has no tariff catalog to simulate');
        const today = todayIn(timeZone);
        const month = a['month'] ?? previousMonth(today);
        if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(month)) throw LatticeError.invalidInput('month', `"${month}" is not a billing month`, 'Write it as YYYY-MM');
        const date = a['date'] ?? today;
        if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw LatticeError.invalidInput('date', `"${date}" is not a date`, 'Write it as YYYY-MM-DD');
        const top = a['top'] ?? 20;
        if (!Number.isInteger(top) || top < 0 || top > 1000) throw LatticeError.invalidInput('top', 'top is a whole number from 0 to 1000');
        return simulateOverLiveRecords(accessFor(c.actor), draft, { month, date, regionKind: a['regionKind'] ?? 'province', top });
      },
    },
  };
}

/** The calendar month before the one `day` (YYYY-MM-DD) falls in: the last one billing has closed. */
function previousMonth(day: string): string {
  const [year, month] = day.split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}
