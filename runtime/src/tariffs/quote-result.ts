import type { LocalizedText } from '../documents/localized-text.js';
import type { ConditionResult } from '../rules/rule-run.js';
import type { DiscountStatus } from './price-line.js';


/** Money is text exact to the fen ("199.00"), as money fields are. */
export interface QuoteLine {
  readonly line: number;
  readonly offering: string;
  readonly quantity: number;
  readonly termMonths: number;
  readonly components: readonly {
    readonly component: string;
    readonly charge: 'recurring' | 'oneTime';
    readonly listPrice: string;
    readonly price: string;
    /** `list`, `branch <org unit>` or `group <tariff>`. */
    readonly priceSource: string;
    readonly discount: string;
    readonly net: string;
  }[];
  readonly allowances: readonly {
    readonly allowance: string;
    readonly unit: string;
    readonly included: number;
    readonly free: number;
    readonly expected: number;
    readonly overage: number;
    readonly rate: string;
    readonly amount: string;
  }[];
  readonly monthly: string;
  readonly oneTime: string;
  readonly usage: string;
  readonly term: string;
}

export interface QuoteDiscount {
  readonly line: number;
  readonly discount: string;
  readonly label?: LocalizedText;
  readonly type: string;
  /** The component or allowance it applies to. */
  readonly target: string;
  /** Taken off each month per line (free months and allowances: 0.00, see the reason). */
  readonly amount: string;
  readonly capped: boolean;
  readonly reason: string;
}

/** Why a discount applied or did not, on one line: the rule's conditions, with the values they saw. */
export interface QuoteExplanation {
  readonly line: number;
  readonly discount: string;
  readonly label?: LocalizedText;
  readonly status: DiscountStatus;
  readonly reason: string;
  /** The conditions that held (applied) or failed (not eligible), in words. */
  readonly because: readonly string[];
  readonly conditions?: ConditionResult;
}

export interface Quote {
  /** The hash of the catalog that priced it: a stored quote says which tariffs it used. */
  readonly catalog: string;
  readonly date: string;
  readonly orgUnit: string;
  readonly lines: readonly QuoteLine[];
  readonly discounts: readonly QuoteDiscount[];
  readonly totals: {
    readonly monthly: string;
    readonly oneTime: string;
    readonly usage: string;
    /** Taken off each month by discounts. */
    readonly discounts: string;
    readonly freeMonths: string;
    /** One-time charges, plus monthly fees and expected usage over each line's term, less free months. */
    readonly term: string;
  };
  readonly explanation: readonly QuoteExplanation[];
  readonly groupTariffs: readonly { readonly line: number; readonly tariff: string; readonly status: string; readonly applied: boolean }[];
}
