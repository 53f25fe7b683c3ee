import { createKeyedPermutation, type KeyedPermutation } from './keyed-permutation.js';
import { mixSeed, SeededRandom } from './seeded-random.js';

/**
 * Record ids: UUID version 4 strings computed from (entity stream, owner
 * index, slot), so a reference is recomputed instead of remembered.
 *
 * Uniqueness is by construction, not by chance: the first 48 bits are a keyed
 * permutation of `index · 2^16 + stream · 2^8 + slot`, so two different
 * triples never share them. The other 74 free bits come from the seeded
 * stream, and the version and variant bits are set as RFC 9562 requires.
 */
export class RecordIds {
  readonly #seed: number;
  readonly #prefix: KeyedPermutation;

  constructor(seed: number) {
    this.#seed = seed;
    this.#prefix = createKeyedPermutation(2 ** 48, mixSeed(seed, 0x1d));
  }

  /** `stream` and `slot` below 256; `index` below 2^32. */
  idFor(stream: number, index: number, slot = 0): string {
    if (stream > 0xff || slot > 0xff || slot < 0) throw new RangeError(`stream ${stream} and slot ${slot} must fit in a byte`);
    const head = this.#prefix(index * 65536 + stream * 256 + slot);
    const random = new SeededRandom(mixSeed(this.#seed, stream, index, slot));
    const high = Math.floor(head / 65536);
    const low = head % 65536;
    const version = 0x4000 | (random.nextUint32() & 0x0fff);
    const variant = 0x8000 | (random.nextUint32() & 0x3fff);
    return `${hex(high, 8)}-${hex(low, 4)}-${hex(version, 4)}-${hex(variant, 4)}-${hex(random.nextUint32() & 0xffff, 4)}${hex(random.nextUint32(), 8)}`;
  }
}

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** `width` hex digits (4 or 8) of an unsigned value, by table lookup: ids are made millions of times. */
function hex(value: number, width: 4 | 8): string {
  const low = (BYTE_HEX[(value >>> 8) & 0xff] ?? '') + (BYTE_HEX[value & 0xff] ?? '');
  return width === 4 ? low : (BYTE_HEX[value >>> 24] ?? '') + (BYTE_HEX[(value >>> 16) & 0xff] ?? '') + low;
}
