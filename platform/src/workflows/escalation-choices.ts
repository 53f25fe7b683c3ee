import { compileEscalationChoice, createBuiltinOperators, factsReadWithPath, type ChosenTarget, type CompiledEntity, type CompiledModel, type EscalationChoice, type EscalationChooser, type OperatorRegistry } from '@lattice/runtime';
import type { EntityManager } from '@mikro-orm/postgresql';
import { quoteIdent } from '../storage/quote.js';
import { toPlainRecord } from '../storage/plain-record.js';

/** What choosing needs of the node: the model served now (the record's table and fields) and the rule operators (plugins' too). */
export interface EscalationChoiceParts {
  model(): CompiledModel | undefined;
  readonly operators?: OperatorRegistry;
}

/** How a target was chosen, as the history and the escalation row keep it. */
export interface ChosenBy {
  /** `choose[0]`, … or `otherwise`. */
  readonly branch: string;
  readonly name?: string;
  /** The condition that held (none for `otherwise`). */
  readonly when?: unknown;
  /** Branches that could not be evaluated, and why (the record gone, a fact that failed). */
  readonly errors?: readonly string[];
}

/**
 * Rule-chosen escalation targets, at the breach: the record as it is in the
 * firing's transaction (a reference a `when` reads with a path is the
 * referenced record), and each `when` compiled once per model by the rule
 * compiler guards use. A record that is gone, or an entity no longer
 * published, takes `otherwise`, saying why.
 */
export class EscalationChoices {
  readonly #choosers = new Map<string, EscalationChooser>();

  constructor(private readonly parts: EscalationChoiceParts) {}

  async choose(em: EntityManager, entityKey: string, recordId: string, choice: EscalationChoice): Promise<ChosenTarget> {
    const model = this.parts.model();
    const entity = model?.entityByKey(entityKey);
    if (!model || !entity) return { to: choice.otherwise, branch: null, errors: [`no entity "${entityKey}" is published`] };
    const record = await storedRecord(em, entity, recordId);
    if (!record) return { to: choice.otherwise, branch: null, errors: [`${entity.name} ${recordId} is gone`] };
    const facts: Record<string, unknown> = { ...record };
    for (const name of factsReadWithPath(choice)) {
      const relation = entity.fieldByName(name)?.relation;
      const target = relation?.kind === 'reference' ? model.entityByKey(relation.target) : undefined;
      const id = record[name];
      if (target) facts[name] = typeof id === 'string' ? await storedRecord(em, target, id) : null;
    }
    return this.#chooser(model, choice)(facts);
  }

  #chooser(model: CompiledModel, choice: EscalationChoice): EscalationChooser {
    const key = `${model.hash}|${JSON.stringify(choice)}`;
    let chooser = this.#choosers.get(key);
    if (!chooser) {
      // A node serves one model at a time: choosers of earlier ones are dropped when it changes.
      if (this.#choosers.size && ![...this.#choosers.keys()].some((k) => k.startsWith(`${model.hash}|`))) this.#choosers.clear();
      chooser = compileEscalationChoice(choice, { operators: this.parts.operators ?? createBuiltinOperators(), facts: model.facts });
      this.#choosers.set(key, chooser);
    }
    return chooser;
  }
}

/** How the history and the escalation row name the branch taken. */
export function chosenBy(chosen: ChosenTarget, choice: EscalationChoice): ChosenBy {
  const branch = chosen.branch === null ? 'otherwise' : `choose[${chosen.branch}]`;
  const when = chosen.branch === null ? undefined : choice.choose[chosen.branch]?.when;
  return { branch, ...(chosen.name ? { name: chosen.name } : {}), ...(when ? { when } : {}), ...(chosen.errors ? { errors: chosen.errors } : {}) };
}

/** A stored, not deleted record as the rules read it (fields by name, as the write pipeline gives them), read in the caller's transaction. */
async function storedRecord(em: EntityManager, entity: CompiledEntity, id: string): Promise<Record<string, unknown> | undefined> {
  const fields = entity.fields.filter((f) => f.column);
  // Dates as text: a date column read as a JavaScript date would shift by the time zone.
  const columns = fields.map((f) => `${quoteIdent(f.column as string)}${f.storage?.kind === 'date' ? '::text' : ''} as ${quoteIdent(f.name)}`).join(', ');
  const deleted = entity.fieldByName('deletedAt')?.column;
  const rows = await em.execute<Record<string, unknown>[]>(`select ${columns} from ${quoteIdent(entity.table)} where id = ?${deleted ? ` and ${quoteIdent(deleted)} is null` : ''}`, [id]);
  return rows[0] ? (toPlainRecord(entity, rows[0]) as Record<string, unknown>) : undefined;
}
