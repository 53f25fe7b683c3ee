import { NATIONAL_DAYS_UNTIL } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { OrgService } from '../org/org-service.js';
import type { AdminContext } from '../admin/admin-context.js';
import type { AdminSchemaPart } from '../admin/admin-schema.js';
import type { CalendarStore } from './calendar-store.js';

export const calendarTypeDefs = /* GraphQL */ `
  "An org unit's business calendar: its own entries (null: none, it inherits) and the calendar it works by"
  type BusinessCalendar {
    unit: String!
    own: JSON
    "Time zone, week, nationalDays, makeUpDayHours and exceptions after folding the calendars on the unit's path"
    effective: JSON!
    "Keys of the units on the path whose calendars apply, root first"
    inheritedFrom: [String!]!
    updatedAt: DateTime
    updatedBy: String
    "The last date China's holiday data covers"
    nationalDaysUntil: String!
  }
  extend type Query {
    "A unit's calendar; needs org.manage in the unit or above"
    businessCalendar(unit: String!): BusinessCalendar!
  }
  extend type Mutation {
    "Sets a unit's own calendar (entries over its parent's); VALIDATION lists every bad entry; needs org.manage in the unit or above"
    setBusinessCalendar(unit: String!, calendar: JSON!): BusinessCalendar!
    "Removes a unit's own calendar: it inherits its parent's"
    clearBusinessCalendar(unit: String!): BusinessCalendar!
  }
`;

type Args = Record<string, any>;

/** Business calendars in the admin API, each call bounded to the units the caller manages. */
/** The calendars' part of the admin API. */
export function calendarAdminPart(calendars: CalendarStore, org: OrgService): AdminSchemaPart {
  return { typeDefs: calendarTypeDefs, ...calendarResolvers(calendars, org) };
}

function calendarResolvers(calendars: CalendarStore, org: OrgService) {
  const managedUnitOrThrow = (c: AdminContext, key: string) => {
    c.actor.grants.require('org.manage');
    const unit = org.directory.byKey(key);
    if (!unit) throw LatticeError.notFound(`Org unit ${key}`);
    if (!org.manages(c.actor, unit.id)) throw LatticeError.outsideScope('organisation', 'unit', `The calendar of "${key}" is outside the part of the organisation you manage`);
    return unit;
  };
  const view = async (unitId: string, key: string) => {
    const directory = org.directory;
    const specs = await calendars.specsOnPath(directory, unitId);
    const own = specs.find((s) => s.unitId === unitId);
    return {
      unit: key,
      own: own?.spec ?? null,
      effective: await calendars.calendarOf(directory, unitId),
      inheritedFrom: specs.map((s) => directory.byId(s.unitId)?.key ?? s.unitId),
      updatedAt: own?.updatedAt ?? null,
      updatedBy: own?.updatedBy ?? null,
      nationalDaysUntil: NATIONAL_DAYS_UNTIL,
    };
  };
  return {
    Query: {
      businessCalendar: async (_r: unknown, a: Args, c: AdminContext) => {
        const unit = managedUnitOrThrow(c, a['unit']);
        return view(unit.id, unit.key);
      },
    },
    Mutation: {
      setBusinessCalendar: async (_r: unknown, a: Args, c: AdminContext) => {
        const unit = managedUnitOrThrow(c, a['unit']);
        await calendars.save(org.directory, unit.id, a['calendar'], c.actor.name);
        return view(unit.id, unit.key);
      },
      clearBusinessCalendar: async (_r: unknown, a: Args, c: AdminContext) => {
        const unit = managedUnitOrThrow(c, a['unit']);
        await calendars.clear(org.directory, unit.id);
        return view(unit.id, unit.key);
      },
    },
  };
}
