import { createHash } from 'node:crypto';
import { canonicalJson } from '@lattice/runtime';
import type { Plan } from './plan.js';

const digest = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');

/** A hash of each part of a plan's body (`changes`, `ddl`, `risks`…): which parts differ says why two plans' hashes differ. */
export function planPartHashes(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.keys(body).sort().map((part) => [part, digest(body[part]).slice(0, 16)]));
}

/** The plan's hash: of its whole body, part by part. */
export function planHash(body: Record<string, unknown>): string {
  return digest(body);
}

/**
 * The parts of the plans this node made lately, by hash, so that a publish
 * whose re-made plan differs from the reviewed one can say which parts
 * changed (PLAN_STALE). Bounded: the oldest are forgotten first.
 */
export class RecentPlans {
  readonly #parts = new Map<string, Readonly<Record<string, string>>>();

  constructor(private readonly limit = 256) {}

  remember(plan: Pick<Plan, 'hash' | 'parts'>): void {
    this.#parts.delete(plan.hash);
    this.#parts.set(plan.hash, plan.parts);
    while (this.#parts.size > this.limit) this.#parts.delete(this.#parts.keys().next().value as string);
  }

  /** The parts in which `plan` differs from the plan with hash `reviewed`; undefined when this node did not make that one. */
  changedParts(reviewed: string, plan: Pick<Plan, 'parts'>): string[] | undefined {
    const before = this.#parts.get(reviewed);
    if (!before) return undefined;
    return [...new Set([...Object.keys(before), ...Object.keys(plan.parts)])].filter((part) => before[part] !== plan.parts[part]).sort();
  }
}
