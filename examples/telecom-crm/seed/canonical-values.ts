/**
 * Values as Lattice stores and exchanges them: money as a string with two
 * decimals, dates as `YYYY-MM-DD` in Beijing time, datetimes as ISO strings
 * in UTC. Time in the generator is counted in Beijing-time days (China has
 * kept UTC+8 without daylight saving since 1991), so "yesterday" and
 * "the day an autonumber counts in" mean what they mean at the counter.
 */
export const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Days since 1970-01-01 in Beijing time. */
export function shanghaiDay(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The UTC instant at which a Beijing-time day starts. */
export function shanghaiDayStart(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The Beijing-time day of `YYYY-MM-DD`. */
export function dayOf(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

/** `YYYY-MM-DD` of a Beijing-time day. */
export function formatDay(day: number): string {
  const [year, month, date] = civilFromDays(day);
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[date]}`;
}

/** ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
export function formatDateTime(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  const rest = ms - day * DAY_MS;
  const seconds = Math.floor(rest / 1000);
  const millis = String(rest % 1000).padStart(3, '0');
  return `${formatDay(day)}T${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}.${millis}Z`;
}

/** The day `months` calendar months after `day` (clamped to the month's end). */
export function addMonths(day: number, months: number): number {
  const [year, month, date] = civilFromDays(day);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const monthLength = daysFromCivil(targetMonth === 12 ? targetYear + 1 : targetYear, targetMonth === 12 ? 1 : targetMonth + 1, 1) - daysFromCivil(targetYear, targetMonth, 1);
  return daysFromCivil(targetYear, targetMonth, Math.min(date, monthLength));
}

/** Whole years between two days, as ages are counted. */
export function yearsBetween(fromDay: number, toDay: number): number {
  const [fromYear, fromMonth, fromDate] = civilFromDays(fromDay);
  const [toYear, toMonth, toDate] = civilFromDays(toDay);
  const beforeAnniversary = toMonth < fromMonth || (toMonth === fromMonth && toDate < fromDate);
  return toYear - fromYear - (beforeAnniversary ? 1 : 0);
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/**
 * Day number ↔ proleptic Gregorian date, without Date objects (the generator
 * formats tens of millions of dates). Howard Hinnant's `civil_from_days` and
 * `days_from_civil` (http://howardhinnant.github.io/date_algorithms.html).
 */
function civilFromDays(dayNumber: number): [year: number, month: number, date: number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, date];
}

function daysFromCivil(year: number, month: number, date: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + date - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Integer fen (1/100 yuan) as a money string: 5900 → "59.00". */
export function formatMoney(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`money amount ${cents} is not a whole number of fen`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
