import type { CompiledRules } from '../rules/compile-rules.js';
import type { DiscountDocument } from './discount.document.js';
import type { OfferingDocument } from './offering.document.js';

/** Amounts are whole fen; indexes point into the offering's arrays. */
export interface CompiledComponent {
  readonly key: string;
  readonly charge: 'recurring' | 'oneTime';
  readonly fen: number;
  readonly band?: { readonly min: string; readonly max: string };
}

export interface CompiledAllowance {
  readonly key: string;
  readonly unit: string;
  readonly included: number;
  readonly rateFen: number;
  /** The offering the allowance comes from (a bundle's member, or the offering itself). */
  readonly from: string;
}

export interface CompiledDiscount {
  readonly key: string;
  readonly document: DiscountDocument;
  readonly type: DiscountDocument['type'];
  readonly priority: number;
  readonly exclusive: boolean;
  /** Index of the targeted component or allowance in the offering. */
  readonly target: number;
  readonly targetsAllowance: boolean;
  readonly millionths: number;
  readonly fen: number;
  readonly months: number;
  readonly quantity: number;
  readonly capMillionths?: number;
  readonly capFen?: number;
  /** Position in the offering's `discounts`: the order quotes explain them in. */
  readonly order: number;
  /** Index of the eligibility rule in the catalog's rules, or -1 when everyone is eligible. */
  readonly rule: number;
  readonly validFrom?: string;
  readonly validTo?: string;
}

export interface CompiledOffering {
  readonly key: string;
  readonly type: OfferingDocument['type'];
  readonly document: OfferingDocument;
  readonly validFrom?: string;
  readonly validTo?: string;
  readonly minimumTermMonths: number;
  /** Index of the rule saying who may order it in the catalog's `orderable` rules, or -1 when anyone may. */
  readonly orderRule: number;
  readonly components: readonly CompiledComponent[];
  readonly allowances: readonly CompiledAllowance[];
  /** Discounts that can apply to it, highest priority first (document order within a priority). */
  readonly discounts: readonly CompiledDiscount[];
  /** The same discounts by the component (or allowance) index they target. */
  readonly componentDiscounts: readonly (readonly CompiledDiscount[])[];
  readonly allowanceDiscounts: readonly (readonly CompiledDiscount[])[];
  /** Lower layers' amounts by org unit: by component and allowance index, undefined where not overridden. */
  readonly overrides: ReadonlyMap<string, OrgUnitOverrides>;
}

/** One org unit's amounts for one offering, in fen, by component and allowance index. */
export interface OrgUnitOverrides {
  readonly components: readonly (number | undefined)[];
  readonly allowances: readonly (number | undefined)[];
}

/** A checked catalog ready to price: built once per published version, never changed. */
export interface CompiledTariffCatalog {
  /** SHA-256 of the catalog document in canonical JSON: quotes can name the catalog they were priced with. */
  readonly hash: string;
  readonly offerings: ReadonlyMap<string, CompiledOffering>;
  /** Every fact a condition of the catalog reads: what a bulk reader must load of each customer. */
  readonly factsRead: ReadonlySet<string>;
  readonly eligibility: CompiledRules;
  /** Who may order each offering: one rule per offering that says, keyed by offering. */
  readonly orderable: CompiledRules;
  /** Group tariffs by group customer: empty as published; a quote puts in the group's approved records (`withGroupTariffs`). */
  readonly groupTariffs: ReadonlyMap<string, readonly CompiledGroupTariff[]>;
}

export interface CompiledGroupTariff {
  readonly key: string;
  readonly offering: string;
  /** Only approved tariffs reach a catalog (`groupTariffsOf`); quotes still apply only these. */
  readonly status: 'approved';
  readonly validFrom?: string;
  readonly validTo?: string;
  /** Personalised price by component key, in fen. */
  readonly pricesFen: ReadonlyMap<string, number>;
}
