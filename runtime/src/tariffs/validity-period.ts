/**
 * Validity periods of offerings, discounts and group tariffs: calendar
 * dates (YYYY-MM-DD, compared as text), both ends inclusive, either end
 * open when absent.
 */
export interface ValidityPeriod {
  readonly validFrom?: string | undefined;
  readonly validTo?: string | undefined;
}

export function validOn(period: ValidityPeriod, date: string): boolean {
  return (period.validFrom === undefined || date >= period.validFrom) && (period.validTo === undefined || date <= period.validTo);
}

/** Whether some day lies in both periods. */
export function periodsOverlap(a: ValidityPeriod, b: ValidityPeriod): boolean {
  return (a.validFrom === undefined || b.validTo === undefined || a.validFrom <= b.validTo) && (b.validFrom === undefined || a.validTo === undefined || b.validFrom <= a.validTo);
}

/** `valid 2026-01-01 to …`, for messages. */
export function describePeriod(period: ValidityPeriod): string {
  return `valid ${period.validFrom ?? '…'} to ${period.validTo ?? '…'}`;
}
