import type { CompiledEntity, CompiledModel } from '../compile/compiled-model.js';
import { computedFacts, createFactCatalog, entityFactCatalog, type FactCatalog, type FactInfo } from '../rules/fact-catalog.js';
import type { FactRegistry } from '../rules/fact-registry.js';
import type { ValueShape } from '../rules/value-shape.js';

/** The user writing the record, as form conditions read it (`{ fact: '$user', path: '$.roles', operator: 'contains', value: 'hall_manager' }`). */
export const USER_FACT = '$user';
/** `create` or `update`. */
export const MODE_FACT = '$mode';

const TEXT: ValueShape = { kind: 'text' };
const TEXTS: ValueShape = { kind: 'list', of: [TEXT] };
/** What `$user` holds: nothing else about the user is readable by a form. */
const USER_PARTS: Readonly<Record<string, ValueShape>> = { roles: TEXTS, unitPath: TEXTS, channel: TEXT };
const USER_SHAPE: ValueShape = { kind: 'object' };

/**
 * What a form condition may read, and nothing else: the record's fields
 * (a reference is the referenced record, read with `path`), the user
 * (`$user`: roles, unitPath, channel), the form mode (`$mode`), and the
 * computed facts declared for the entity. An unknown name is refused at
 * plan time by the rule checker (`rule.unknown-fact`).
 */
export function formFactCatalog(entity: CompiledEntity, model: CompiledModel, facts: FactRegistry): FactCatalog {
  const record = entityFactCatalog(entity, model, facts);
  const context: FactInfo[] = [
    { name: USER_FACT, shape: USER_SHAPE, computed: false },
    { name: MODE_FACT, shape: { kind: 'text', accepts: (v) => (v === 'create' || v === 'update' ? null : 'the mode is "create" or "update"') }, computed: false },
  ];
  const fieldFacts = entity.fields.map((field) => record.lookup(field.name) as FactInfo);
  const catalog = createFactCatalog([...fieldFacts, ...context, ...computedFacts(facts, entity.key)], model);
  return {
    lookup: catalog.lookup,
    names: catalog.names,
    follow: (shape, steps) => {
      if (shape !== USER_SHAPE) return catalog.follow(shape, steps);
      const [first, ...rest] = steps;
      const part = first === undefined ? undefined : USER_PARTS[first];
      if (!part) return `$user has ${Object.keys(USER_PARTS).join(', ')}, not "${first ?? ''}"`;
      return catalog.follow(part, rest);
    },
  };
}
