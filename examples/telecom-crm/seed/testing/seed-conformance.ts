import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { EntityDoc, FieldDoc } from './entity-documents.js';

/**
 * Checks seed batches against the entity documents, the way an importer
 * would receive them: field names exist, required values are present, values
 * are canonical for their type and within their settings, unique fields and
 * unique indexes hold, and references point at records of earlier batches.
 * Collects problems as strings (at most `limit`), so a test shows the first few.
 */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const MONEY = /^-?\d+\.\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'ownerId', 'orgUnitId', 'version', 'deletedAt']);
/** Values a seed never writes: computed on read, or lists held by the other side. */
const NEVER_WRITTEN = new Set(['formula', 'oneToMany']);

/** Unit keys and logins of `org/org.yaml`. */
export function loadOrgNames(): { units: string[]; logins: string[] } {
  const org = parse(readFileSync(join(import.meta.dirname, '..', '..', 'org', 'org.yaml'), 'utf8')) as { units: { key: string }[]; users: { login: string }[] };
  return { units: org.units.map((u) => u.key), logins: org.users.map((u) => u.login) };
}

export class SeedConformance {
  readonly problems: string[] = [];
  readonly #entities: Map<string, EntityDoc>;
  /** Ids of records in batches already checked, by entity key. */
  readonly #yielded = new Map<string, Set<string>>();
  readonly #allIds = new Set<string>();
  readonly #uniqueValues = new Map<string, Set<string>>();
  /** `YYYY-MM-DD` of now's day in Beijing time: every seeded date is before it. */
  readonly #today: string;
  readonly #todayStart: number;

  /** Unit keys and logins of the example's org file, which `$orgUnit` and `$owner` must name. */
  readonly placements: { $orgUnit: ReadonlySet<string>; $owner: ReadonlySet<string> };

  constructor(entities: readonly EntityDoc[], now: Date, readonly limit = 50, org: { units: string[]; logins: string[] } = loadOrgNames()) {
    this.placements = { $orgUnit: new Set(org.units), $owner: new Set(org.logins) };
    this.#entities = new Map(entities.map((entity) => [entity.key, entity]));
    this.#today = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    this.#todayStart = Date.parse(`${this.#today}T00:00:00+08:00`);
  }

  check(batch: { entity: string; records: Array<Record<string, unknown>> }): void {
    const entity = this.#entities.get(batch.entity);
    if (!entity) return this.#problem(`batch of unknown entity ${batch.entity}`);
    const fields = new Map(entity.fields.map((field) => [field.name, field]));
    for (const record of batch.records) this.#checkRecord(entity, fields, record);
    const ids = this.#yielded.get(entity.key) ?? new Set<string>();
    for (const record of batch.records) ids.add(String(record['id']));
    this.#yielded.set(entity.key, ids);
  }

  yieldedCount(entityKey: string): number {
    return this.#yielded.get(entityKey)?.size ?? 0;
  }

  #checkRecord(entity: EntityDoc, fields: Map<string, FieldDoc>, record: Record<string, unknown>): void {
    const where = `${entity.key}[${String(record['id'])}]`;
    const id = record['id'];
    if (typeof id !== 'string' || !UUID_V4.test(id)) this.#problem(`${where}: id is not a UUID v4`);
    else if (this.#allIds.has(id)) this.#problem(`${where}: id used twice`);
    else this.#allIds.add(id);
    const createdAt = record['createdAt'];
    if (createdAt !== undefined && !this.#isPastDateTime(createdAt)) this.#problem(`${where}: createdAt ${String(createdAt)} is not an ISO datetime before today`);

    for (const [name, value] of Object.entries(record)) {
      if (name === 'id' || name === 'createdAt') continue;
      if (name === '$orgUnit' || name === '$owner') {
        if (!this.placements[name].has(String(value))) this.#problem(`${where}: ${name} ${String(value)} is not in the example's org file`);
        continue;
      }
      const field = fields.get(name);
      if (!field) {
        this.#problem(`${where}: ${name} is ${SYSTEM_FIELDS.has(name) ? 'a system field' : 'not a field of the entity'}`);
        continue;
      }
      if (NEVER_WRITTEN.has(field.type)) this.#problem(`${where}: ${name} (${field.type}) must not be seeded`);
      if (value === null || value === undefined) continue;
      const message = this.#checkValue(field, value);
      if (message) this.#problem(`${where}: ${name} = ${JSON.stringify(value)}: ${message}`);
    }
    for (const field of entity.fields) {
      const missing = record[field.name] === undefined || record[field.name] === null;
      if (missing && (field.required || field.type === 'autonumber')) this.#problem(`${where}: ${field.name} is required`);
      if (field.unique && !missing) this.#claimUnique(`${entity.key}.${field.name}`, String(record[field.name]), where);
    }
    for (const index of entity.indexes ?? []) {
      if (!index.unique) continue;
      const values = index.fields.map((key) => record[entity.fields.find((field) => field.key === key)?.name ?? '']);
      if (values.every((value) => value !== undefined && value !== null)) this.#claimUnique(`${entity.key}#${index.key}`, JSON.stringify(values), where);
    }
  }

  #checkValue(field: FieldDoc, value: unknown): string | null {
    switch (field.type) {
      case 'text':
      case 'longText':
      case 'email':
      case 'phone': {
        if (typeof value !== 'string') return 'not a string';
        if (field.maxLength !== undefined && [...value].length > field.maxLength) return `longer than ${field.maxLength}`;
        if (field.minLength !== undefined && [...value].length < field.minLength) return `shorter than ${field.minLength}`;
        if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) return `does not match ${field.pattern}`;
        if (field.type === 'email' && !EMAIL.test(value)) return 'not an email address';
        if (field.type === 'phone' && !/^\+?\d+$/.test(value)) return 'not canonical phone digits';
        return null;
      }
      case 'integer':
        if (!Number.isInteger(value)) return 'not an integer';
        return this.#range(field, value as number);
      case 'money':
        if (typeof value !== 'string' || !MONEY.test(value)) return 'not a money string with two decimals';
        return this.#range(field, Number(value));
      case 'boolean':
        return typeof value === 'boolean' ? null : 'not a boolean';
      case 'date':
        return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'not a YYYY-MM-DD date';
      case 'datetime':
        return this.#isPastDateTime(value) ? null : 'not an ISO datetime (Z) before today';
      case 'picklist':
        return field.options?.some((option) => option.value === value) ? null : 'not one of the options';
      case 'multiPicklist':
        if (!Array.isArray(value) || new Set(value).size !== value.length) return 'not a list of distinct values';
        return value.every((item) => field.options?.some((option) => option.value === item)) ? null : 'holds a value that is not an option';
      case 'reference':
        return this.#yielded.get(field.target ?? '')?.has(String(value)) ? null : `does not point at an earlier ${field.target}`;
      case 'manyToMany':
        if (!Array.isArray(value)) return 'not a list of ids';
        return value.every((item) => this.#yielded.get(field.target ?? '')?.has(String(item))) ? null : `holds an id that is not an earlier ${field.target}`;
      case 'autonumber':
        return this.#checkAutonumber(field, value);
      case 'uuid':
        return typeof value === 'string' && UUID_V4.test(value) ? null : 'not a UUID';
      default:
        return null;
    }
  }

  /** Matches the pattern, and its date part is before today (so a live counter never meets it). */
  #checkAutonumber(field: FieldDoc, value: unknown): string | null {
    if (typeof value !== 'string') return 'not a string';
    let dateGroup = '';
    const source = (field.pattern ?? '').replace(/\{([^{}]+)\}|([^{}]+)/g, (_, token: string | undefined, literal: string | undefined) => {
      if (literal !== undefined) return literal.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      const seq = /^seq:(\d+)$/.exec(token ?? '');
      if (seq) return `\\d{${seq[1]}}`;
      dateGroup = token ?? '';
      return `(\\d{${dateGroup.length}})`;
    });
    const match = new RegExp(`^${source}$`).exec(value);
    if (!match) return `does not match ${field.pattern}`;
    const digits = match[1] ?? '';
    if (dateGroup === 'YYYYMMDD' && `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}` >= this.#today) return `dated on or after ${this.#today}`;
    return null;
  }

  #range(field: FieldDoc, value: number): string | null {
    if (field.min !== undefined && value < field.min) return `below ${field.min}`;
    if (field.max !== undefined && value > field.max) return `above ${field.max}`;
    return null;
  }

  #isPastDateTime(value: unknown): boolean {
    return typeof value === 'string' && DATETIME_Z.test(value) && Date.parse(value) < this.#todayStart;
  }

  #claimUnique(scope: string, value: string, where: string): void {
    const seen = this.#uniqueValues.get(scope) ?? new Set<string>();
    if (seen.has(value)) this.#problem(`${where}: ${scope} value ${value} is not unique`);
    seen.add(value);
    this.#uniqueValues.set(scope, seen);
  }

  #problem(message: string): void {
    if (this.problems.length < this.limit) this.problems.push(message);
  }
}
