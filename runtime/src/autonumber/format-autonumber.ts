import type { AutonumberPattern } from './autonumber-pattern.js';

// One formatter per zone: building Intl.DateTimeFormat is the slow part.
const formatters = new Map<string, Intl.DateTimeFormat>();

interface CalendarDay {
  year: string;
  month: string;
  day: string;
}

/** The calendar day of `at` in `timeZone` (Gregorian, Latin digits whatever the host locale). */
function calendarDay(at: Date, timeZone: string): CalendarDay {
  if (Number.isNaN(at.getTime())) throw new RangeError('autonumber: the date is invalid');
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: part('year').padStart(4, '0'), month: part('month'), day: part('day') };
}

/**
 * The period a sequence counts in at instant `at`, read in the pattern's
 * zone: '20261125' (daily), '202611' (monthly), '2026' (yearly) or 'all'.
 * Sequences are keyed by (field, period), so a new period starts at 1.
 */
export function autonumberPeriod(pattern: AutonumberPattern, at: Date): string {
  if (pattern.resetPeriod === 'never') return 'all';
  const { year, month, day } = calendarDay(at, pattern.timeZone);
  if (pattern.resetPeriod === 'year') return year;
  if (pattern.resetPeriod === 'month') return `${year}${month}`;
  return `${year}${month}${day}`;
}

/**
 * The number for sequence value `seq` assigned at `at`. The sequence is
 * zero-padded to its width; a larger value is written in full rather than
 * cut, because a truncated number would repeat an earlier one.
 */
export function formatAutonumber(pattern: AutonumberPattern, at: Date, seq: number): string {
  if (!Number.isSafeInteger(seq) || seq < 0) throw new RangeError(`autonumber: sequence value must be a whole number >= 0, got ${seq}`);
  const date = pattern.parts.some((part) => part.kind === 'date') ? calendarDay(at, pattern.timeZone) : undefined;
  let text = '';
  for (const part of pattern.parts) {
    if (part.kind === 'literal') text += part.text;
    else if (part.kind === 'seq') text += String(seq).padStart(part.width, '0');
    else if (date !== undefined) text += formatDate(part.format, date);
  }
  return text;
}

function formatDate(format: Extract<AutonumberPattern['parts'][number], { kind: 'date' }>['format'], { year, month, day }: CalendarDay): string {
  const yy = year.slice(-2);
  switch (format) {
    case 'YYYYMMDD':
      return `${year}${month}${day}`;
    case 'YYMMDD':
      return `${yy}${month}${day}`;
    case 'YYYYMM':
      return `${year}${month}`;
    case 'YYMM':
      return `${yy}${month}`;
    case 'YYYY':
      return year;
    case 'YY':
      return yy;
  }
}
