import type { LayerConflict, Problem } from '@lattice/runtime';
import type { ModelChange } from './model-change.js';
import type { DocumentChange } from './diff-documents.js';
import type { FieldUse } from './where-used.js';

/**
 * A plan is data before it is DDL: everything publish will do and what it
 * puts at risk, serializable, shown to the admin, and identified by a hash
 * that publish re-checks under its lock.
 */
export interface Plan {
  /** Live version the plan starts from (0: nothing published yet). */
  readonly fromVersion: number;
  /** The older version the draft started from, when versions were published since (what it would undo is a risk); null otherwise. */
  readonly startedFrom: number | null;
  /** Hash of the metadata that will be published. */
  readonly toHash: string;
  readonly changes: readonly ModelChange[];
  /** Tariff catalog and layer price changes, value by value (`tariffs.offerings[mobile_199].components[monthly_fee].amount`: 199.00 → 189.00). */
  readonly catalogChanges: readonly DocumentChange[];
  /** Rule set changes, by rule set and rule key. */
  readonly ruleSetChanges: readonly DocumentChange[];
  /** Forms, shared views, computed facts and the layers' form layouts: one change per document added, removed or changed (no DDL). */
  readonly formChanges: readonly DocumentChange[];
  /** Statements in the order publish runs them, in one transaction. */
  readonly ddl: readonly string[];
  readonly apiChanges: readonly ApiChange[];
  readonly risks: readonly DataRisk[];
  /** Every place that names a removed or renamed field (roles, sharing rules, rule sets, tariff conditions, layers); each one that breaks is also a risk to confirm. */
  readonly whereUsed: readonly FieldUse[];
  /** Ids of risks that publish runs only when they are confirmed. */
  readonly confirmationsRequired: readonly string[];
  /** Problems of the layers along the org tree (conflicts among them): publish requires none. */
  readonly layerProblems: readonly Problem[];
  /** Overrides a higher layer changed since a lower layer made them: re-confirm or drop each. */
  readonly layerConflicts: readonly LayerConflict[];
  /** True when a risk or a layer problem blocks publishing whatever is confirmed. */
  readonly blocked: boolean;
  /** A short hash of each part above: which parts differ says why two plans' hashes differ. */
  readonly parts: Readonly<Record<string, string>>;
  readonly hash: string;
}

export interface ApiChange {
  readonly kind: string;
  readonly description: string;
  readonly breaking: boolean;
}

export interface DataRisk {
  /** Stable id to confirm, e.g. `drop-column:customer.nickname`. */
  readonly id: string;
  readonly kind: 'drop-table' | 'drop-column' | 'lossy-conversion' | 'failed-conversion' | 'missing-values' | 'duplicate-values' | 'breaks-reference' | 'reverts-published';
  readonly entity: string;
  readonly field?: string;
  /** Rows whose data is at risk. */
  readonly rows: number;
  readonly message: string;
  readonly hint?: string;
  /** Cannot be published as planned: change the metadata or the data. */
  readonly blocking: boolean;
  /** The first records at risk (up to 20), by id. */
  readonly records?: readonly RiskRecord[];
  /** How to find every record at risk: SQL on the live table, and a record API filter when one can say it. */
  readonly find?: { readonly sql: string; readonly filter?: Record<string, unknown> };
}

export interface RiskRecord {
  readonly id: string;
  /** The entity's title field (a customer's name), or null. */
  readonly title: string | null;
  /** The values at risk, by field name (as text, as the database holds them). */
  readonly values: Readonly<Record<string, unknown>>;
}
