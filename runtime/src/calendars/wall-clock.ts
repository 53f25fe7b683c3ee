/**
 * Wall-clock dates and times in a time zone, with only `Intl` (no Node
 * built-in, no driver: the browser runs this too). A zone's offset at an
 * instant comes from `Intl.DateTimeFormat`; a local time's instant is found
 * by applying the offset twice, which is exact outside a DST gap or fold.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
export function offsetMs(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterOf(timeZone).formatToParts(new Date(at))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const local = Date.UTC(parts['year'] as number, (parts['month'] as number) - 1, parts['day'], parts['hour'], parts['minute'], parts['second']);
  return local - Math.floor(at / 1000) * 1000;
}

/** The local date (`YYYY-MM-DD`) at an instant. */
export function localDateOf(timeZone: string, at: number): string {
  return new Date(at + offsetMs(timeZone, at)).toISOString().slice(0, 10);
}

/** The instant of a local date at `minutes` after its midnight. */
export function instantOf(timeZone: string, date: string, minutes: number): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  const first = naive - offsetMs(timeZone, naive);
  return naive - offsetMs(timeZone, first);
}

/** The next local date. */
export function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** 0 (Sunday) to 6 (Saturday). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
