import type { LocalizedText } from '../documents/localized-text.js';

/** The part of an entity or field document a layer property names. */
type ElementDocument = Record<string, unknown>;

/** Properties every layer may set on an element unless a layer above locked them. */
const FREE = {
  entity: /^(?:label|pluralLabel)\./,
  field: /^(?:label\.|default$|options$|hidden$)/,
};

/**
 * Properties no layer sets, whatever is marked overridable: what names the
 * element in the API and the database, and what shapes the shared table
 * (nullability, constraints, relations, generated columns). A setting that
 * changes a column's storage is refused separately, by its storage kind.
 */
const FIXED = {
  entity: new Set(['key', 'kind', 'name', 'pluralName', 'fields', 'indexes']),
  field: new Set(['key', 'name', 'type', 'required', 'unique', 'indexed', 'target', 'inverseOf', 'onDelete', 'expression']),
};

export type ElementKind = 'entity' | 'field';

export const elementProperty = {
  isFree: (kind: ElementKind, property: string) => FREE[kind].test(property),
  isFixed: (kind: ElementKind, property: string) => FIXED[kind].has(property),

  /**
   * The value a layer compares its `base` with: a label in one language (a
   * plain-text label counts for every language), the offered option values
   * (not deprecated), or the property itself; `null` when unset. `hidden`
   * lives outside the document and is read by the fold.
   */
  read(element: ElementDocument, property: string): unknown {
    const [name, language] = splitProperty(property);
    const value = element[name];
    if (language !== undefined) {
      if (value === undefined || typeof value === 'string') return value ?? null;
      return (value as Record<string, string>)[language] ?? null;
    }
    if (name === 'options') return offeredOptions(element);
    return value ?? null;
  },

  /**
   * Sets one property in place (the fold owns its copy). `null` removes it.
   * A plain-text label becomes texts by language, the old text kept for
   * `defaultLanguage`. An option subset deprecates the options left out, so
   * values already stored stay valid while screens stop offering them.
   */
  write(element: ElementDocument, property: string, value: unknown, defaultLanguage: string): void {
    const [name, language] = splitProperty(property);
    if (language !== undefined) {
      const old = element[name] as LocalizedText | undefined;
      const texts: Record<string, string> = typeof old === 'string' ? { [defaultLanguage]: old } : { ...old };
      if (value === null) delete texts[language];
      else texts[language] = value as string;
      if (Object.keys(texts).length === 0) delete element[name];
      else element[name] = texts;
      return;
    }
    if (name === 'options') {
      const keep = new Set(value as string[]);
      element['options'] = (element['options'] as Array<Record<string, unknown>>).map((option) =>
        keep.has(option['value'] as string) ? option : { ...option, deprecated: true },
      );
      return;
    }
    if (value === null) delete element[name];
    else element[name] = value;
  },

  /** Calls `visit` with each property of a document as provenance names it (labels per language). */
  forEachName(element: object, defaultLanguage: string, visit: (name: string) => void): void {
    for (const name in element) {
      if (name === 'fields' || name === 'indexes' || name === 'kind') continue;
      const value = (element as Record<string, unknown>)[name];
      if ((name === 'label' || name === 'pluralLabel') && value !== undefined) {
        if (typeof value === 'string') visit(`${name}.${defaultLanguage}`);
        else for (const language in value as object) visit(`${name}.${language}`);
      } else {
        visit(name);
      }
    }
  },
};

/** Option values still offered, or null when the element has no options. */
export function offeredOptions(element: ElementDocument): string[] | null {
  const options = element['options'];
  if (!Array.isArray(options)) return null;
  return options.filter((option: Record<string, unknown>) => option['deprecated'] !== true).map((option: Record<string, unknown>) => String(option['value']));
}

function splitProperty(property: string): [string, string | undefined] {
  const dot = property.indexOf('.');
  return dot < 0 ? [property, undefined] : [property.slice(0, dot), property.slice(dot + 1)];
}
