export * from './calendar.document.js';
export * from './business-calendar.js';
export * from './business-time.js';
export { nationalDayKind, nationalDayName, NATIONAL_DAYS_UNTIL, type NationalDayKind } from './national-days.js';
export { localDateOf } from './wall-clock.js';
