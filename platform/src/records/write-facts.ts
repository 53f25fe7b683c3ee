import { canonicalJson, type CompiledEntity, type CompiledModel, type FactDeclaration, type FormUser, type WriteFacts } from '@lattice/runtime';
import type { RecordFilter } from '../security/filter-to-query.js';
import { formsOf } from '@lattice/runtime';

/** What the facts of a write are read through: the writer's own access point, so nothing outside their scope counts. */
export interface WriteFactSource {
  /** The writer as forms see them; none for the platform itself (seeds, local commands): no form applies. */
  readonly user?: FormUser;
  /** A referenced record, or null when it is outside the writer's read scope. */
  reference(target: CompiledEntity, id: string): Promise<Readonly<Record<string, unknown>> | null>;
  /** How many records of `target` the filter matches within the writer's read scope. */
  count(target: CompiledEntity, filter: RecordFilter): Promise<number>;
}

/**
 * The facts `checkRecordWrite` needs beyond the record: the writer (roles,
 * unit path, channel) and their unit path as the layers whose form layouts
 * apply; the records the entity's forms read through a reference (loaded
 * through the writer's scope: one they cannot see reads as null); and, on a
 * stored record, the count facts its forms name, counted in the database.
 * Nothing is loaded when no form applies.
 */
export async function gatherWriteFacts(model: CompiledModel, entity: CompiledEntity, record: Readonly<Record<string, unknown>>, recordId: string | undefined, source: WriteFactSource): Promise<WriteFacts> {
  const user = source.user;
  if (!user) return {};
  const forms = formsOf(model).ofEntity(entity.key, user.unitPath);
  if (forms.length === 0) return { user, layerPath: user.unitPath };
  const references: Record<string, Readonly<Record<string, unknown>> | null> = {};
  for (const name of new Set(forms.flatMap((f) => f.referencesRead))) {
    const field = entity.fieldByName(name);
    const target = field?.relation ? model.entityByKey(field.relation.target) : undefined;
    const id = record[name];
    references[name] = target && typeof id === 'string' ? await source.reference(target, id) : null;
  }
  const supplied: Record<string, unknown> = {};
  if (recordId) {
    const read = forms.map((f) => canonicalJson(f.document)).join('\n');
    for (const fact of countFactsOf(model, entity)) {
      if (!read.includes(`"${fact.name}"`)) continue;
      const counted = await countOf(model, entity, fact, recordId, source);
      if (counted !== undefined) supplied[fact.name] = counted;
    }
  }
  return { user, layerPath: user.unitPath, references, ...(Object.keys(supplied).length ? { supplied } : {}) };
}

type CountFact = Extract<FactDeclaration, { count: unknown }>;

function countFactsOf(model: CompiledModel, entity: CompiledEntity): CountFact[] {
  const sets = (model.source.facts ?? []) as { entity: string; facts: FactDeclaration[] }[];
  return sets.filter((s) => s.entity === entity.key).flatMap((s) => s.facts.filter((f): f is CountFact => 'count' in f));
}

/** A oneToMany list counted by its back reference; a many-to-many one is not counted yet (the runtime then refuses naming the fact). */
async function countOf(model: CompiledModel, entity: CompiledEntity, fact: CountFact, recordId: string, source: WriteFactSource): Promise<number | undefined> {
  const relation = entity.fieldByName(fact.count.list)?.relation;
  const target = relation?.kind === 'oneToMany' ? model.entityByKey(relation.target) : undefined;
  const back = target?.fields.find((f) => f.key === relation?.inverseOf);
  if (!target || !back) return undefined;
  return source.count(target, { ...(fact.count.where ?? {}), [back.name]: { eq: recordId } });
}
