import { formatDay, shanghaiDay } from './canonical-values.js';

/**
 * Autonumber values as the platform would have given them, e.g.
 * `ORD-{YYYYMMDD}-{seq:6}` → `ORD-20240312-000042`. The sequence counts per
 * period of the finest date part (per day for `{YYYYMMDD}`), in Beijing time.
 *
 * Seed values must never collide with what a live system numbers next, so a
 * value whose period is the period of `now` (today, this month…) is refused:
 * the generator only creates records before today, and a pattern that counts
 * per month or year would need records before this month or year.
 */
type Token = { kind: 'literal'; text: string } | { kind: 'date'; format: DateFormat } | { kind: 'seq'; width: number };
type DateFormat = 'YYYYMMDD' | 'YYMMDD' | 'YYYYMM' | 'YYMM' | 'YYYY' | 'YY';

const DATE_FORMATS: readonly DateFormat[] = ['YYYYMMDD', 'YYMMDD', 'YYYYMM', 'YYMM', 'YYYY', 'YY'];

export class AutonumberSequence {
  readonly #tokens: Token[];
  readonly #periodLength: number;
  readonly #seqWidth: number;
  readonly #currentPeriod: string;
  readonly #counters = new Map<string, number>();

  constructor(readonly pattern: string, now: Date) {
    this.#tokens = parsePattern(pattern);
    const seqTokens = this.#tokens.filter((t) => t.kind === 'seq');
    if (seqTokens.length !== 1) throw new Error(`autonumber pattern ${pattern} must have exactly one {seq:N}`);
    this.#seqWidth = seqTokens[0]?.kind === 'seq' ? seqTokens[0].width : 0;
    const dates = this.#tokens.flatMap((t) => (t.kind === 'date' ? [t.format] : []));
    this.#periodLength = dates.some((f) => f.endsWith('DD')) ? 10 : dates.some((f) => f.endsWith('MM')) ? 7 : dates.length > 0 ? 4 : 0;
    this.#currentPeriod = formatDay(shanghaiDay(now.getTime())).slice(0, this.#periodLength);
  }

  /** The next value for a record created at `ms`. */
  next(ms: number): string {
    const date = formatDay(shanghaiDay(ms));
    const period = date.slice(0, this.#periodLength);
    if (period >= this.#currentPeriod) {
      throw new RangeError(`${this.pattern}: a seed value dated ${date} would collide with the live sequence of ${this.#currentPeriod || 'all time'}`);
    }
    const seq = (this.#counters.get(period) ?? 0) + 1;
    if (seq >= 10 ** this.#seqWidth) throw new RangeError(`${this.pattern}: more than ${10 ** this.#seqWidth - 1} values in period ${period}`);
    this.#counters.set(period, seq);
    const [yyyy, mm, dd] = [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)];
    let out = '';
    for (const token of this.#tokens) {
      if (token.kind === 'literal') out += token.text;
      else if (token.kind === 'seq') out += String(seq).padStart(token.width, '0');
      else out += token.format.replace('YYYY', yyyy).replace('YY', yyyy.slice(2)).replace('MM', mm).replace('DD', dd);
    }
    return out;
  }
}

function parsePattern(pattern: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of pattern.matchAll(/\{([^{}]+)\}/g)) {
    if (match.index > last) tokens.push({ kind: 'literal', text: pattern.slice(last, match.index) });
    const body = match[1] ?? '';
    const seq = /^seq:(\d+)$/.exec(body);
    if (seq) tokens.push({ kind: 'seq', width: Number(seq[1]) });
    else if ((DATE_FORMATS as readonly string[]).includes(body)) tokens.push({ kind: 'date', format: body as DateFormat });
    else throw new Error(`autonumber pattern ${pattern}: unknown part {${body}}`);
    last = match.index + match[0].length;
  }
  if (last < pattern.length) tokens.push({ kind: 'literal', text: pattern.slice(last) });
  return tokens;
}
