import type { CompiledModel } from '../compile/compiled-model.js';
import { zodProblems } from '../documents/parse-documents.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import type { ComputedFact, FactReader, FactRegistry } from '../rules/fact-registry.js';
import { checkFilter } from '../views/check-filter.js';
import { factSetDocumentSchema, type FactDeclaration } from './fact-set.document.js';

/** Today's date as `YYYY-MM-DD`, in the deployment's time zone: facts of time are computed against it. */
export type Today = () => string;

/**
 * The set's declared facts, checked (the entity, the source field and its
 * type, a related list and its filter, a name no field or other fact of the
 * entity has) and made into computed facts, each limited to its entity.
 * Problems at `facts[<key>].facts[<name>]…`.
 */
export function compileDeclaredFacts(inputs: readonly unknown[], model: CompiledModel, registry: FactRegistry, today: Today): Checked<ComputedFact[]> {
  const problems: Problem[] = [];
  const facts: ComputedFact[] = [];
  const taken = new Set(registry.all().map((f) => f.name));
  inputs.forEach((input, index) => {
    const shape = factSetDocumentSchema.safeParse(input);
    const key = shape.success ? shape.data.key : String(index);
    if (!shape.success) return void problems.push(...zodProblems(shape.error, input, `facts[${key}]`));
    const entity = model.entityByKey(shape.data.entity);
    if (!entity) return void problems.push(problem('fact.unknown-entity', `facts[${key}].entity`, `no entity with key "${shape.data.entity}"`));
    for (const declaration of shape.data.facts) {
      const path = `facts[${key}].facts[${declaration.name}]`;
      if (entity.fieldByName(declaration.name)) problems.push(problem('fact.duplicate', `${path}.name`, `${entity.name} has a field "${declaration.name}"; a fact takes a name no field has`));
      else if (taken.has(declaration.name)) problems.push(problem('fact.duplicate', `${path}.name`, `a fact "${declaration.name}" is already declared (by metadata or a plugin)`));
      taken.add(declaration.name);
      const fact = declare(declaration, path, model, entity.key, today, problems);
      if (fact) facts.push(fact);
    }
  });
  return problems.length ? failed(problems) : ok(facts);
}

function declare(declaration: FactDeclaration, path: string, model: CompiledModel, entityKey: string, today: Today, problems: Problem[]): ComputedFact | undefined {
  const entity = model.entityByKey(entityKey)!;
  const base = { name: declaration.name, entities: [entityKey], ...(declaration.description ? { description: declaration.description } : {}) };
  if ('count' in declaration) {
    const list = entity.fieldByName(declaration.count.list);
    const target = list?.relation && list.relation.kind !== 'reference' ? model.entityByKey(list.relation.target) : undefined;
    if (!target) return void problems.push(problem('fact.not-a-list', `${path}.count.list`, `"${declaration.count.list}" is not a related list (oneToMany or manyToMany) of ${entity.name}`));
    if (declaration.count.where) problems.push(...checkFilter(model, target, declaration.count.where, `${path}.count.where`));
    return {
      ...base,
      type: { kind: 'number' },
      // A record not yet created has no related records; a stored one's count comes from the caller.
      compute: (_params, facts) => {
        if (storedId(facts) === undefined) return 0;
        throw new Error(`"${declaration.name}" is counted by the platform and was not supplied`);
      },
    };
  }
  const [unit, source] = 'monthsSince' in declaration ? (['months', declaration.monthsSince] as const) : (['years', declaration.yearsSince] as const);
  const field = entity.fieldByName(source);
  if (!field || (field.typeName !== 'date' && field.typeName !== 'datetime' && field.formula?.resultType !== 'date')) {
    return void problems.push(problem('fact.bad-source', `${path}.${unit === 'months' ? 'monthsSince' : 'yearsSince'}`, field ? `"${source}" is a ${field.typeName} field; a fact of time counts from a date or datetime field` : `${entity.name} has no field "${source}"`));
  }
  return { ...base, type: { kind: 'number' }, compute: (_params, facts) => elapsed(facts.value(source), today(), unit) };
}

function storedId(facts: FactReader): unknown {
  try {
    return facts.value('id') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Whole months or years from `from` (a date or an ISO datetime) to `to` (`YYYY-MM-DD`); null for an empty value. */
export function elapsed(from: unknown, to: string, unit: 'months' | 'years'): number | null {
  if (typeof from !== 'string' || from.length < 10) return null;
  const [fy, fm, fd] = from.slice(0, 10).split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return unit === 'months' ? months : Math.floor(months / 12);
}
