import type { ConditionResult } from '../rules/rule-run.js';
import type { DiscountStatus } from './price-line.js';

/** A request for a quote: a customer (or a prospective one) and the offerings chosen. */
export interface QuoteRequest {
  /** The customer's fields by name; a prospective customer gives what is known. */
  readonly customer: Readonly<Record<string, unknown>>;
  /** More facts for eligibility (computed by the caller), beside the customer's fields. */
  readonly facts?: Readonly<Record<string, unknown>>;
  /** The org unit the quote is made in, from the top (HQ first). */
  readonly orgUnitPath: readonly string[];
  /** The day prices and validity are read for (YYYY-MM-DD). */
  readonly date: string;
  /** Months the quote's term total covers; at least each offering's minimum term. */
  readonly termMonths?: number;
  /** The group customer whose member the line is, for personalised tariffs. */
  readonly groupCustomer?: string;
  readonly lines: readonly { readonly offering: string; readonly quantity?: number; readonly usage?: Readonly<Record<string, number>> }[];
}

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
  readonly status: DiscountStatus;
  readonly reason: string;
  /** The conditions that held (applied) or failed (not eligible), in words. */
  readonly because: readonly string[];
  readonly conditions?: ConditionResult;
}

export interface Quote {
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
