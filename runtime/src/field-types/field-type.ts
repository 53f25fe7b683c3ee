import type { z } from 'zod';
import type { Problem } from '../problems/problem.js';

/**
 * The neutral storage kinds. The platform maps each to one column type; a
 * field type never names SQL. `null` storage means the field has no column
 * of its own (an inverse one-to-many list, a many-to-many join).
 */
export type StorageSpec =
  | { kind: 'string'; length: number }
  | { kind: 'text' }
  | { kind: 'integer' }
  | { kind: 'bigint' }
  | { kind: 'decimal'; precision: number; scale: number }
  | { kind: 'boolean' }
  | { kind: 'date' }
  | { kind: 'datetime' }
  | { kind: 'json' }
  | { kind: 'string-array'; length: number }
  | { kind: 'uuid' };

export type StorageKind = StorageSpec['kind'];

/** GraphQL scalar names a field type may use; the platform maps each to a GraphQL scalar. */
export type ScalarName = 'String' | 'Int' | 'Float' | 'Boolean' | 'ID' | 'Decimal' | 'Money' | 'Date' | 'DateTime' | 'JSON' | 'BigInt';

/** Filter operators a field type may offer in generated list queries. */
export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'in'
  | 'notIn'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'contains'
  | 'startsWith'
  | 'isNull'
  | 'hasAny'
  | 'hasAll';

/** The type a value has inside a formula. */
export type FormulaType = 'text' | 'number' | 'money' | 'boolean' | 'date' | 'datetime';

/** How a field relates to another entity; absent for plain value fields. */
export type RelationKind = 'reference' | 'oneToMany' | 'manyToMany';

export type DecodeResult = { ok: true; value: unknown } | { ok: false; message: string; hint?: string };

export interface FieldTypeContext {
  /** The field's path for problems, e.g. `entities[customer].fields[phone]`. */
  path: string;
}

/**
 * Everything Lattice knows about one field type, in one place. Plugins add
 * types by registering more definitions in the registry they are handed.
 */
export interface FieldTypeDefinition<S = Record<string, unknown>> {
  /** The `type` written in field documents, e.g. `text`, `money`. */
  readonly name: string;
  /** Type-specific settings in a field document (`maxLength`, `options`, `target`...). */
  readonly settings: z.ZodType<S>;
  /** Relation kind, for types that point at another entity. */
  readonly relation?: RelationKind;
  /** Column storage, or null when the field has no column in its entity's table. */
  storage(settings: S): StorageSpec | null;
  /** GraphQL scalar of the value (for references: `ID`, the target's id). */
  readonly scalar: ScalarName;
  /** True when the value is a list (multi-picklist). */
  readonly list?: boolean;
  /** Filter operators the generated API offers for this type. */
  readonly filterOperators: readonly FilterOperator[];
  /** Whether lists can be sorted by this field. */
  readonly sortable: boolean;
  /** True when users never write the value (formula, autonumber). */
  readonly readOnly?: boolean;
  /** Form widget the designer and generated screens use. */
  readonly widget: string;
  /** Type inside formulas, or null when formulas cannot use the field. */
  readonly formulaType: FormulaType | null;
  /**
   * Turns an input value (from GraphQL, a file, a default) into the canonical
   * value, or says why it cannot. `null`/`undefined` never reach decode.
   */
  decode(input: unknown, settings: S): DecodeResult;
  /** Checks a decoded value against the settings (length, range, options). */
  validate(value: unknown, settings: S): { message: string; hint?: string } | null;
  /** Checks settings that zod cannot (min <= max, pattern compiles). */
  checkSettings?(settings: S, context: FieldTypeContext): Problem[];
}

/** A definition whose settings type has been erased, as held by the registry. */
export type AnyFieldType = FieldTypeDefinition<any>;

export function defineFieldType<S>(definition: FieldTypeDefinition<S>): FieldTypeDefinition<S> {
  return definition;
}
