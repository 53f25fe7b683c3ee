import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { compileWorkflowDocument, type CompileOptions, type CompiledModel, type CompiledWorkflow, type CompiledWorkflows, FactRegistry, createBuiltinOperators } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';

/**
 * The workflow definitions records are pinned to. A record's instance keeps
 * the definition it started on (the workflow document as its unit got it,
 * stored once per hash), so a publish that changes the workflow moves new
 * records only: records in flight finish on theirs. A definition is
 * compiled against the model serving the request (its guards read today's
 * fields), once per definition and model.
 */
export class WorkflowDefinitions {
  readonly #compiled = new Map<string, CompiledWorkflow>();

  constructor(private readonly compileOptions: CompileOptions) {}

  /** The workflow an entity's new record in a unit follows (`layerPath`: the unit's keys, root first). */
  workflowOf(model: CompiledModel, entityKey: string, layerPath: readonly string[]): CompiledWorkflow | undefined {
    return model.section<CompiledWorkflows>('workflows')?.of(entityKey, layerPath);
  }

  /** The definition row of a workflow document, stored the first time a record starts on it. */
  async pin(em: EntityManager, workflow: CompiledWorkflow, metadataVersion: number): Promise<string> {
    await em.execute(`insert into lattice_workflow_definition (id, workflow_key, hash, document, metadata_version, created_at) values (?, ?, ?, ?, ?, ?) on conflict (workflow_key, hash) do nothing`, [randomUUID(), workflow.key, workflow.hash, JSON.stringify(workflow.document), metadataVersion, new Date()]);
    const rows = await em.execute<{ id: string }[]>(`select id from lattice_workflow_definition where workflow_key = ? and hash = ?`, [workflow.key, workflow.hash]);
    return rows[0]?.id as string;
  }

  /** The machine of a pinned definition, compiled against `model`. */
  async machine(em: EntityManager, definitionId: string, model: CompiledModel): Promise<CompiledWorkflow> {
    const cacheKey = `${definitionId}|${model.hash}`;
    const cached = this.#compiled.get(cacheKey);
    if (cached) return cached;
    const rows = await em.execute<{ document: unknown; hash: string }[]>(`select document, hash from lattice_workflow_definition where id = ?`, [definitionId]);
    const row = rows[0];
    if (!row) throw LatticeError.notFound(`Workflow definition ${definitionId}`);
    const live = model.section<CompiledWorkflows>('workflows')?.all.find((w) => w.hash === row.hash);
    const compiled = live ?? this.#compile(row.document, model);
    this.#compiled.set(cacheKey, compiled);
    return compiled;
  }

  #compile(document: unknown, model: CompiledModel): CompiledWorkflow {
    const compiled = compileWorkflowDocument(document, { model, operators: this.compileOptions.operators ?? createBuiltinOperators(), facts: model.facts ?? this.compileOptions.facts ?? new FactRegistry() });
    if (!compiled.ok) throw LatticeError.conflict(`The workflow this record started on no longer fits the published metadata: ${compiled.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { problems: compiled.problems });
    return compiled.value;
  }
}
