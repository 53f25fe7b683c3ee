import type { z } from 'zod';
import type { CompiledEntity, CompiledField, CompiledModel } from '../compile/compiled-model.js';
import type { FactRegistry } from './fact-registry.js';
import { UNKNOWN_SHAPE, type ValueShape } from './value-shape.js';

/** What the checker knows about one fact. */
export interface FactInfo {
  readonly name: string;
  readonly shape: ValueShape;
  /** json-rules-engine fact priority; 1 when absent. */
  readonly priority?: number;
  /** True for computed facts (they take `params`). */
  readonly computed: boolean;
  /** The params a computed fact takes, when it declares them. */
  readonly params?: z.ZodType;
}

/**
 * The facts a rule set may read, known at plan time. For a rule set on an
 * entity: the entity's fields by name (a reference is the referenced record,
 * read with `path`), then computed facts from the registry.
 */
export interface FactCatalog {
  lookup(name: string): FactInfo | undefined;
  names(): string[];
  /** The shape `path` steps lead to from `shape`, or why they lead nowhere. */
  follow(shape: ValueShape, steps: readonly string[]): ValueShape | string;
}

export function createFactCatalog(facts: Iterable<FactInfo>, model?: CompiledModel): FactCatalog {
  const byName = new Map<string, FactInfo>();
  for (const fact of facts) if (!byName.has(fact.name)) byName.set(fact.name, fact);
  return {
    lookup: (name) => byName.get(name),
    names: () => [...byName.keys()],
    follow: (shape, steps) => followShape(shape, steps, model),
  };
}

/** Facts of rules attached to `entity`: its fields, then the registry's computed facts for it. */
export function entityFactCatalog(entity: CompiledEntity, model: CompiledModel, registry: FactRegistry): FactCatalog {
  const fields = entity.fields.map((field): FactInfo => ({ name: field.name, shape: shapeOfField(field), computed: false }));
  return createFactCatalog([...fields, ...computedFacts(registry, entity.key)], model);
}

export function computedFacts(registry: FactRegistry, entityKey?: string): FactInfo[] {
  return registry
    .all()
    .filter((fact) => !fact.entities || entityKey === undefined || fact.entities.includes(entityKey))
    .map((fact) => ({ name: fact.name, shape: fact.type, computed: true, ...(fact.priority === undefined ? {} : { priority: fact.priority }), ...(fact.params ? { params: fact.params } : {}) }));
}

export function shapeOfField(field: CompiledField): ValueShape {
  if (field.relation?.kind === 'reference') return { kind: 'object', entity: field.relation.target };
  if (field.relation) return { kind: 'list', of: [{ kind: 'object', entity: field.relation.target }] };
  if (field.typeName === 'json') return UNKNOWN_SHAPE;
  if (field.formula) return { kind: field.formula.resultType };
  // A list field's elements: text for a string array (multi-picklist), else what formulas see.
  const kind = field.type.list && field.storage?.kind === 'string-array' ? 'text' : field.type.formulaType;
  if (!kind) return field.type.list ? { kind: 'list', of: [UNKNOWN_SHAPE] } : UNKNOWN_SHAPE;
  // A literal the field type would refuse (an option a picklist does not have) never equals the field's value.
  const accepts = (literal: unknown): string | null => {
    // A literal of the wrong shape is the comparison's type mismatch, reported there; only the settings count here.
    const decoded = field.type.decode(field.type.list ? [literal] : literal, field.settings);
    return decoded.ok ? (field.type.validate(decoded.value, field.settings)?.message ?? null) : null;
  };
  const shape: ValueShape = { kind, accepts };
  return field.type.list ? { kind: 'list', of: [shape] } : shape;
}

function followShape(start: ValueShape, steps: readonly string[], model: CompiledModel | undefined): ValueShape | string {
  let shape = start;
  for (const step of steps) {
    if (shape.kind === 'unknown') return UNKNOWN_SHAPE;
    if (shape.kind === 'list') {
      if (step === 'length') {
        shape = { kind: 'number' };
        continue;
      }
      if (!/^\d+$/.test(step)) return `a list has elements [0], [1] … and length, not "${step}"`;
      shape = shape.of[0] ?? UNKNOWN_SHAPE;
      continue;
    }
    if (shape.kind !== 'object') return `a ${shape.kind} value has no "${step}"`;
    if (shape.entity === undefined || !model) {
      shape = UNKNOWN_SHAPE;
      continue;
    }
    const target = model.entityByKey(shape.entity);
    const field = target?.fieldByName(step);
    if (!target || !field) return `${target?.name ?? shape.entity} has no field "${step}"`;
    shape = shapeOfField(field);
  }
  return shape;
}
