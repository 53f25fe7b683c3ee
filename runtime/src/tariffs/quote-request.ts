import { z } from 'zod';
import { zodProblems } from '../documents/parse-documents.js';
import { failed, ok, type Checked } from '../problems/problem.js';
import { dateTextSchema } from './offering.document.js';

/** A request for a quote: a customer (or a prospective one) and the offerings chosen. */
export const quoteRequestSchema: z.ZodType<QuoteRequest> = z.strictObject({
  /** The customer's fields by name; a prospective customer gives what is known. */
  customer: z.record(z.string(), z.unknown()),
  /** More facts for eligibility (computed by the caller), beside the customer's fields. */
  facts: z.record(z.string(), z.unknown()).optional(),
  /** The org unit the quote is made in, from the top (HQ first). */
  orgUnitPath: z.array(z.string().min(1)).min(1),
  /** The day prices and validity are read for. */
  date: dateTextSchema,
  /** Months the quote's term total covers; at least each offering's minimum term. */
  termMonths: z.number().int().min(1).max(120).optional(),
  /** The group customer whose member the lines are, for personalised tariffs. */
  groupCustomer: z.string().min(1).optional(),
  lines: z
    .array(
      z.strictObject({
        offering: z.string().min(1),
        quantity: z.number().int().min(1).max(100_000).optional(),
        /** Expected monthly usage per line, by allowance key. */
        usage: z.record(z.string(), z.number().int().min(0).max(1e9)).optional(),
      }),
    )
    .min(1),
});

/** The request as callers build it (read-only); `quoteRequestSchema` checks it. */
export interface QuoteRequest {
  readonly customer: Readonly<Record<string, unknown>>;
  readonly facts?: Readonly<Record<string, unknown>>;
  readonly orgUnitPath: readonly string[];
  readonly date: string;
  readonly termMonths?: number;
  readonly groupCustomer?: string;
  readonly lines: readonly { readonly offering: string; readonly quantity?: number; readonly usage?: Readonly<Record<string, number>> }[];
}

/** Checks a quote request's shape (a positive whole quantity, a date, usage as whole non-negative units). */
export function parseQuoteRequest(input: unknown): Checked<QuoteRequest> {
  const parsed = quoteRequestSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : failed(zodProblems(parsed.error, input));
}
