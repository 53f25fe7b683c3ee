import { randomBytes } from 'node:crypto';
import type { FormattedExecutionResult } from 'graphql';
import type { RecordSelection } from './read-plan.js';
import { valueSql } from './value-sql.js';

/**
 * A record's JSON as Postgres built it, handed to the response as text:
 * parsing it (in `pg`) and stringifying it again (in Apollo) costs the node
 * more than the statement costs the database for a page. `stringifyResult`
 * splices the text in place; any other serialiser gets the parsed value
 * (`toJSON`), so nothing else needs to know.
 */
export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    if (splicing) {
      splicing.push(this.text);
      return `${MARK}${splicing.length - 1}${MARK}`;
    }
    return JSON.parse(this.text);
  }
}

/** Per process and unguessable: no value a client sends or stores can pass for a marker or a hidden key. */
const NONCE = randomBytes(6).toString('hex');
const MARK = `\u0001${NONCE}:`;
/** How a marker comes out of `JSON.stringify` (the control character escaped). */
const SPLICED = new RegExp(`"\\\\u0001${NONCE}:(\\d+)\\\\u0001${NONCE}:"`, 'g');
let splicing: string[] | undefined;

/** Apollo Server's `stringifyResult`: its own (`JSON.stringify` and a newline), with each `RawJson` written as its text. */
export function stringifyResult(value: FormattedExecutionResult): string {
  const texts: string[] = [];
  splicing = texts;
  let json: string;
  try {
    json = JSON.stringify(value);
  } finally {
    splicing = undefined;
  }
  return `${texts.length === 0 ? json : json.replace(SPLICED, (_, i: string) => texts[Number(i)] as string)}\n`;
}

/** The hidden key under which a logged selection's record carries its id and org unit (`id|unit`); `$` starts no GraphQL name. */
export function loggedKey(index: number): string {
  return `$${NONCE}${index}`;
}

/**
 * The hidden keys of logged records: always a record's last key, in
 * `row_to_json`'s compact output. An unescaped `"` only delimits a string,
 * so `,"$…":` can only be a key, and the nonce makes it ours.
 */
const LOGGED = new RegExp(`,"\\$${NONCE}(\\d+)":"([^"|]*)\\|([^"]*)"`, 'g');

/** One logged record found in a record's text: its selection's index, id and org unit. */
export type Shown = readonly [index: number, id: string, orgUnitId: string | null];

/** A record's text without its hidden keys, and the records they named, in text order. */
export function takeShown(text: string, shown: Shown[]): string {
  if (!text.includes(`"$${NONCE}`)) return text;
  return text.replace(LOGGED, (_, index: string, id: string, unit: string) => {
    shown.push([Number(index), id, unit === '' ? null : unit]);
    return '';
  });
}

const safe = new WeakMap<RecordSelection, boolean>();

/**
 * Whether a selection's JSON from Postgres is, byte for byte, what
 * `JSON.stringify` writes for the resolvers' answer: not when it holds a
 * JSON column (Postgres keeps its own spacing) or a number read as float8
 * (Postgres writes `1e+16` where JavaScript writes `10000000000000000`).
 * Such records are parsed, as before.
 */
export function splicesExactly(selection: RecordSelection): boolean {
  let known = safe.get(selection);
  if (known === undefined) {
    known = selection.items.every((item) => {
      if (item.kind === 'typename') return true;
      if (item.kind === 'value') return item.field.storage?.kind !== 'json' && item.field.type.scalar !== 'JSON' && !valueSql('r', item.field).endsWith('::float8');
      return splicesExactly(item.record);
    });
    safe.set(selection, known);
  }
  return known;
}
