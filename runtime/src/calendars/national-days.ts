import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

/**
 * China's public holidays and make-up working days (调休), as published by
 * the State Council each year and maintained in the `chinese-days` package:
 * data, never computed. A date is `holiday` (a day off even on a weekday),
 * `makeUpWorkday` (a working day even on a weekend) or neither.
 */
export type NationalDayKind = 'holiday' | 'makeUpWorkday';

const holidays: Readonly<Record<string, string>> = chineseDays.holidays;
const workdays: Readonly<Record<string, string>> = chineseDays.workdays;

export function nationalDayKind(date: string): NationalDayKind | undefined {
  if (holidays[date] !== undefined) return 'holiday';
  if (workdays[date] !== undefined) return 'makeUpWorkday';
  return undefined;
}

/** The holiday's name (`National Day,国庆节,3`'s English and Chinese parts), for showing why a day is off. */
export function nationalDayName(date: string): { en: string; 'zh-CN': string } | undefined {
  const entry = holidays[date] ?? workdays[date];
  if (!entry) return undefined;
  const [en = '', zh = ''] = entry.split(',');
  return { en, 'zh-CN': zh };
}

/** The last year the data covers: a calendar used past it has no holidays there (shown to admins). */
export const NATIONAL_DAYS_UNTIL: string = Object.keys(holidays).sort().at(-1) ?? '';
