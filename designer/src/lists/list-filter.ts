import type { MetadataField } from '../shell/console-metadata.js';
import { filterKindOf } from './field-capabilities.js';

/** What a user typed or picked in a list's filter bar, by field API name. */
export type FilterValues = Record<string, string | string[] | [string, string] | null | undefined>;

export type RecordFilter = Record<string, unknown>;

/**
 * The record API's filter for the filter bar's values (empty ones left
 * out): text `contains`, a picklist `in`, a date range `gte`/`lte` (either
 * end may be open), all of them together (`and`) with the view's own.
 */
export function buildListFilter(fields: readonly MetadataField[], values: FilterValues, viewFilter?: RecordFilter | null): RecordFilter | null {
  const parts: RecordFilter[] = viewFilter && Object.keys(viewFilter).length ? [viewFilter] : [];
  for (const field of fields) {
    const value = values[field.name];
    const kind = filterKindOf(field);
    if (kind === 'contains' && typeof value === 'string' && value.trim()) parts.push({ [field.name]: { contains: value.trim() } });
    if (kind === 'oneOf' && Array.isArray(value) && value.length) parts.push({ [field.name]: { in: [...value] } });
    if (kind === 'dateRange' && Array.isArray(value)) {
      const [from, to] = value;
      const range: Record<string, string> = {};
      if (from) range['gte'] = field.type === 'datetime' ? `${from}T00:00:00Z` : from;
      if (to) range[field.type === 'datetime' ? 'lt' : 'lte'] = field.type === 'datetime' ? nextDay(to) : to;
      if (Object.keys(range).length) parts.push({ [field.name]: range });
    }
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { and: parts };
}

/** The start of the day after a `YYYY-MM-DD` date (a datetime range includes its whole last day). */
function nextDay(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString();
}
