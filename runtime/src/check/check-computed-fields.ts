import { parseFormula } from '../formula/parse-formula.js';
import { parseAutonumberPattern } from '../autonumber/parse-autonumber-pattern.js';
import type { AutonumberPattern } from '../autonumber/autonumber-pattern.js';
import type { FormulaType } from '../field-types/field-type.js';
import type { FormulaNode } from '../formula/formula-node.js';
import type { Problem } from '../problems/problem.js';
import type { CheckContext, ResolvedEntity } from './check-context.js';

/** What checking found for computed fields, keyed by field path, for the build step to reuse. */
export interface ComputedFieldParts {
  readonly formulas: ReadonlyMap<string, { expression: string; ast: FormulaNode; resultType: FormulaType }>;
  readonly autonumbers: ReadonlyMap<string, AutonumberPattern>;
}

/** Formulas type-check against their entity's fields; autonumber patterns parse. */
export function checkComputedFields(context: CheckContext): { parts: ComputedFieldParts; problems: Problem[] } {
  const problems: Problem[] = [];
  const formulas = new Map<string, { expression: string; ast: FormulaNode; resultType: FormulaType }>();
  const autonumbers = new Map<string, AutonumberPattern>();
  for (const entity of context.entities) {
    const typeOf = formulaTypeLookup(entity);
    for (const field of entity.fields) {
      if (!field.type || !field.settings) continue;
      if (field.type.name === 'formula') {
        const expression = String(field.settings['expression']);
        const result = parseFormula(expression, typeOf, `${field.path}.expression`, entity.fields.map((f) => f.document.name));
        if (result.ok) formulas.set(field.path, { expression, ...result.value });
        else problems.push(...result.problems);
      } else if (field.type.name === 'autonumber') {
        const result = parseAutonumberPattern(String(field.settings['pattern']), String(field.settings['timeZone'] ?? 'UTC'), `${field.path}.pattern`);
        if (result.ok) autonumbers.set(field.path, result.value);
        else problems.push(...result.problems);
      }
    }
  }
  return { parts: { formulas, autonumbers }, problems };
}

/** undefined: no such field; null: the field exists but formulas cannot use it. */
function formulaTypeLookup(entity: ResolvedEntity): (name: string) => FormulaType | null | undefined {
  const byName = new Map(entity.fields.map((f) => [f.document.name, f]));
  return (name) => {
    const field = byName.get(name);
    if (!field) return undefined;
    return field.type?.formulaType ?? null;
  };
}
