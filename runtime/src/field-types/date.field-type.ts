import { z } from 'zod';
import { problem } from '../problems/problem.js';
import { decodeCalendarDate } from './calendar-date.js';
import { describeValue } from './describe-value.js';
import { defineFieldType } from './field-type.js';

const dateSetting = z.string().refine((text) => decodeCalendarDate(text).ok, 'a real calendar date like 2026-11-25');

const dateSettingsSchema = z.strictObject({
  min: dateSetting.optional(),
  max: dateSetting.optional(),
});

export type DateSettings = z.output<typeof dateSettingsSchema>;

/**
 * Calendar dates without time or zone (birthdays, contract start). The
 * canonical value is 'YYYY-MM-DD', which also sorts and compares as text.
 */
export const dateFieldType = defineFieldType<DateSettings>({
  name: 'date',
  settings: dateSettingsSchema,
  storage: () => ({ kind: 'date' }),
  scalar: 'Date',
  filterOperators: ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'isNull'],
  sortable: true,
  widget: 'date',
  formulaType: 'date',
  decode: (input) => decodeCalendarDate(input),
  validate(value, settings) {
    if (typeof value !== 'string' || !decodeCalendarDate(value).ok) return { message: `expected a date like 2026-11-25, got ${describeValue(value)}` };
    if (settings.min !== undefined && value < settings.min) return { message: `${value} is before the earliest allowed date ${settings.min}` };
    if (settings.max !== undefined && value > settings.max) return { message: `${value} is after the latest allowed date ${settings.max}` };
    return null;
  },
  checkSettings(settings, context) {
    if (settings.min === undefined || settings.max === undefined || settings.min <= settings.max) return [];
    return [problem('field.invalid-range', `${context.path}.min`, `min ${settings.min} is after max ${settings.max}`, 'swap the two dates')];
  },
});
