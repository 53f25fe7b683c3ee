import type { FilterOperator } from '../field-types/field-type.js';

/**
 * The neutral condition language for lists, views, sharing rules and
 * counted facts: the API's filter shape as data.
 * `{ name: { startsWith: "Zh" }, customer: { is: { city: { eq: "成都" } } }, subscriptions: { some: { status: { eq: active } } }, or: [...], not: {...} }`.
 * Fields are named by API name; the operators a field takes are its type's
 * `filterOperators` (a reference: eq, ne, in, notIn, isNull and `is`; a
 * related list: `some` and `none`). An operand may be the writer's
 * context instead of a literal: `{ $user: id | unitId | unitPath | roles }`.
 */
export type RecordFilter = Readonly<Record<string, unknown>>;

export const USER_OPERAND_PARTS = ['id', 'unitId', 'unitPath', 'roles'] as const;

export type UserOperandPart = (typeof USER_OPERAND_PARTS)[number];

/** Who is asking: what `{ $user: … }` operands stand for. */
export interface FilterUser {
  readonly id: string;
  readonly unitId: string | null;
  readonly unitPath: readonly string[];
  readonly roles: readonly string[];
}

export type { FilterOperator };

export function userOperand(value: unknown): UserOperandPart | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const part = (value as { $user?: unknown }).$user;
  return keys.length === 1 && typeof part === 'string' && (USER_OPERAND_PARTS as readonly string[]).includes(part) ? (part as UserOperandPart) : undefined;
}

export function isUserOperand(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, '$user');
}

export const REFERENCE_OPERATORS: readonly FilterOperator[] = ['eq', 'ne', 'in', 'notIn', 'isNull'];

/** Operators whose operand is a list of values (each element decoded as the field's value). */
export const LIST_OPERATORS: readonly FilterOperator[] = ['in', 'notIn', 'hasAny', 'hasAll'];

export function isListOperator(op: string): boolean {
  return (LIST_OPERATORS as readonly string[]).includes(op);
}
