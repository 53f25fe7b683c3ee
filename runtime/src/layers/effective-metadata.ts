import type { MetadataSet } from '../documents/entity.document.js';
import type { Problem } from '../problems/problem.js';
import type { ValidationRuleDocument } from './layer.document.js';

/**
 * Element path (`entities[customer].fields[segment]`) → property
 * (`label.zh-CN`, `default`, `hidden`) → the layer key that set it. Sparse:
 * a property it does not name comes from the base set (`core`); this keeps
 * the fold's cost in proportion to what layers say, not to the size of the
 * base. `provenanceOf` gives every property of one element.
 */
export type Provenance = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Element path → lock target (`*`, `addFields`, `label`, `label.zh-CN`, `default`…) → the
 * layer key that locked it, or that marked it overridable (same shape).
 */
export type LayerMarks = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * A property a lower layer overrode and a higher layer changed since: the
 * lower layer saw `base`, the layers above now give `current`, the lower
 * layer's value is `value`. Resolved by re-confirming the override against
 * `current` or dropping it (`resolveLayerConflict`).
 */
export interface LayerConflict {
  /** The element in the effective set, e.g. `entities[customer].fields[segment]`. */
  readonly element: string;
  readonly entity: string;
  readonly field?: string;
  readonly property: string;
  /** The layer whose override is now out of date. */
  readonly layer: string;
  /** The layer that gives `current` (from provenance; `core` for the base set). */
  readonly changedBy: string;
  readonly base: unknown;
  readonly current: unknown;
  readonly value: unknown;
}

export interface EffectiveValidation {
  readonly layer: string;
  readonly rule: ValidationRuleDocument;
}

/** What one org unit sees: the fold of the layers on its path over the base set. */
export interface EffectiveMetadata {
  /** Layer keys folded, top-down. */
  readonly layers: readonly string[];
  /** The language a plain-text label counts as in provenance and relabelling. */
  readonly defaultLanguage: string;
  /** The effective set; it still goes through `compileModel` like any set. */
  readonly set: MetadataSet;
  /** Entity key → keys of its fields hidden in this unit (still stored, still in the set). */
  readonly hiddenFields: Readonly<Record<string, readonly string[]>>;
  /** Entity key → validation rules the layers on the path added, in layer order. */
  readonly validations: Readonly<Record<string, readonly EffectiveValidation[]>>;
  readonly provenance: Provenance;
  /** What the layers below this unit may not change. */
  readonly locks: LayerMarks;
  /** What the layers below this unit may set beyond the free properties. */
  readonly overridable: LayerMarks;
  readonly conflicts: readonly LayerConflict[];
  /** Every problem, conflicts included (`layer.conflict`). Publish requires none. */
  readonly problems: readonly Problem[];
}
