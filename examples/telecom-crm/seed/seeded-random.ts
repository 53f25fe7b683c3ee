/**
 * Deterministic randomness for seed data: the same seed gives the same data.
 *
 * `SeededRandom` is mulberry32 (Tommy Ettinger, public domain): one 32-bit
 * word of state, fast, good enough for test data, not for cryptography.
 * `mixSeed` folds numbers into a 32-bit seed with MurmurHash3's block mix and
 * finaliser, so every (stream, index) pair gets its own independent stream:
 * a record's data can be regenerated from its index alone, which is what
 * keeps the generator's memory flat.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An unsigned 32-bit integer. */
  nextUint32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return itemAt(items, Math.floor(this.next() * items.length));
  }

  /** One value of `choices`, each `[value, weight]`, with probability proportional to its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (let i = 0; i < choices.length; i++) total += itemAt(choices, i)[1];
    let roll = this.next() * total;
    for (let i = 0; i < choices.length; i++) {
      const choice = itemAt(choices, i);
      roll -= choice[1];
      if (roll < 0) return choice[0];
    }
    return itemAt(choices, choices.length - 1)[0];
  }

  /** A digit string of `length` characters. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += String(Math.floor(this.next() * 10));
    return out;
  }
}

/** `items[index]`, for indexes the caller knows are in range. */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} is outside a list of ${items.length}`);
  return item;
}

/** MurmurHash3's 32-bit finaliser: a bijection on 32-bit words that spreads every input bit. */
export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds integers (each below 2^32) into one 32-bit seed. */
export function mixSeed(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    let k = Math.imul(value >>> 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return fmix32(h ^ values.length);
}

/** The random stream of one record (or one aspect of one record). */
export function randomFor(seed: number, stream: number, a: number, b = 0): SeededRandom {
  return new SeededRandom(mixSeed(seed, stream, a, b));
}
