import { z } from 'zod';

/** A label in one or more languages: a plain string (default language) or `{ en, zh-CN, ... }`. */
export const localizedTextSchema = z.union(
  [z.string().min(1), z.record(z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'a language tag such as en or zh-CN'), z.string().min(1))],
  { error: 'Expected a text, or texts by language such as { en: "Customer", zh-CN: "客户" } (in YAML flow style, quote texts that contain commas)' },
);

export type LocalizedText = z.infer<typeof localizedTextSchema>;

export function textIn(text: LocalizedText | undefined, language = 'en'): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return text[language] ?? Object.values(text)[0];
}
