/**
 * A parsed autonumber pattern such as `ORD-{YYYYMMDD}-{seq:6}`. The sequence
 * restarts whenever the period its date part names changes (a pattern with
 * `{YYYYMMDD}` counts per day; one without a date part never restarts).
 */
export interface AutonumberPattern {
  readonly source: string;
  readonly parts: readonly AutonumberPart[];
  /** The period a sequence counts in, from the finest date part. */
  readonly resetPeriod: 'day' | 'month' | 'year' | 'never';
  /** IANA time zone in which dates and periods are read, e.g. `Asia/Shanghai`. */
  readonly timeZone: string;
}

export type AutonumberPart =
  | { kind: 'literal'; text: string }
  | { kind: 'date'; format: 'YYYYMMDD' | 'YYMMDD' | 'YYYYMM' | 'YYMM' | 'YYYY' | 'YY' }
  | { kind: 'seq'; width: number };
