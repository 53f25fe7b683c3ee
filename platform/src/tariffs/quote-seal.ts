import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson, definePlugin, PLUGIN_API_VERSION, type CompiledEntity, type CompiledModel, type LatticePlugin, type Problem } from '@lattice/runtime';
import { tariffsOf } from '@lattice/runtime';

/**
 * Quotes are sealed when they are issued (an HMAC over their canonical
 * JSON), so that the field that keeps an accepted quote on an order holds
 * only a quote this platform priced, unchanged, from the catalog now in
 * force: a quoted price and a billed price cannot silently diverge.
 */
export class QuoteSeal {
  #key: Uint8Array | undefined;

  /**
   * `key` is asked for on the first seal or check, not before: the record
   * hooks (this seal's check among them) are registered before the node's
   * keys are loaded, so one registry serves the start's check and every write.
   */
  constructor(private readonly key: () => Uint8Array) {}

  seal<T extends object>(quote: T): T & { seal: string } {
    return { ...quote, seal: this.#mac(quote) };
  }

  /** Problems when `value` is not a sealed quote of `catalogHash`, at `path`. */
  check(value: unknown, catalogHash: string | undefined, path: string): Problem[] {
    if (value === null || value === undefined) return [];
    const fail = (message: string): Problem[] => [{ code: 'quote.not-sealed', path, message, hint: 'Store the quote exactly as priceQuote returned it' }];
    if (typeof value !== 'object' || Array.isArray(value)) return fail('This field keeps a quote from priceQuote');
    const { seal, ...quote } = value as { seal?: unknown } & Record<string, unknown>;
    if (typeof seal !== 'string') return fail('The quote carries no seal: it was not issued by this platform');
    const expected = Buffer.from(this.#mac(quote), 'hex');
    const given = Buffer.from(seal, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('The quote was changed after it was issued');
    if (catalogHash && quote['catalog'] !== catalogHash) return [{ code: 'quote.stale', path, message: 'The quote was priced with a tariff catalog that is no longer in force', hint: 'Ask for a new quote' }];
    return [];
  }

  #mac(quote: object): string {
    return createHmac('sha256', (this.#key ??= this.key())).update(canonicalJson(quote)).digest('hex');
  }
}

/** The field where an entity keeps accepted quotes, as the tariff catalog names it. */
export function quoteFieldOf(model: CompiledModel, entity: CompiledEntity): string | undefined {
  const accepted = (model.source.tariffs as { acceptedQuotes?: { entity: string; field: string } } | undefined)?.acceptedQuotes;
  return accepted && accepted.entity === entity.key ? entity.fieldByKey(accepted.field)?.name : undefined;
}

/**
 * The tariff catalog's part of every write, registered like a plugin's: a
 * write that keeps a quote on the catalog's accepted-quotes field is
 * refused unless the quote is sealed by this platform and priced with the
 * catalog in force (`quote.not-sealed`, `quote.stale`, at the field).
 */
export function sealedQuotesModule(seal: QuoteSeal): LatticePlugin {
  return definePlugin({
    key: 'tariffs',
    apiVersion: PLUGIN_API_VERSION,
    hooks: [
      {
        key: 'sealed-quotes',
        entity: '*',
        verbs: ['create', 'update'],
        step: 'beforePersist',
        run: ({ model, entity, patch }) => {
          const field = quoteFieldOf(model, entity);
          return field && field in patch ? seal.check(patch[field], tariffsOf(model)?.catalog.hash, field) : [];
        },
      },
    ],
  });
}
