import { EntitySchema } from '@mikro-orm/postgresql';

/** `lattice_business_calendar` as the ORM sees it (migration `20261206-timers`): declared for the drift check, written in SQL. */
export const BusinessCalendarEntity = new EntitySchema<Record<string, unknown>>({
  name: 'LatticeBusinessCalendar',
  tableName: 'lattice_business_calendar',
  properties: {
    unitId: { type: 'uuid', primary: true },
    spec: { type: 'json' },
    updatedAt: { type: 'datetime', columnType: 'timestamptz' },
    updatedBy: { type: 'string', length: 200, nullable: true },
  },
});

export const CALENDAR_ENTITIES = [BusinessCalendarEntity];
