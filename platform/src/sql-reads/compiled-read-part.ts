import { accessPart } from '../records/access-part.js';
import type { AccessParts } from '../records/access-parts.js';
import { readCompiled } from './compiled-read.js';
import type { ReadPlan } from './read-plan.js';
import type { StatementRunner } from './statement-runner.js';

/** The compiled reads' verb on the access point: a planned operation answered by one statement, with the request's own guard, reader and read log. */
export interface CompiledReadVerbs {
  read(plan: ReadPlan, variables: Record<string, unknown>, version: number, runner: StatementRunner): Promise<Record<string, unknown>>;
}

export const COMPILED_READS = accessPart<CompiledReadVerbs>('compiledReads');

/** Registered by the composition root, so the access point reaches the compiled reads as a part and imports none of them. */
export function compiledReadVerbs(parts: AccessParts): CompiledReadVerbs {
  return { read: (plan, variables, version, runner) => readCompiled(parts, parts, plan, variables, version, runner) };
}
