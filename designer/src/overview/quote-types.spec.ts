import { describe, expect, it } from 'vitest';
import { fieldsToAsk, quoteLines } from './quote-types.js';

describe('what a quote asks for and what accepting it asks', () => {
  it('prices each chosen offering with a whole quantity of at least one', () => {
    expect(quoteLines([{ offering: 'm_5g_199', quantity: 2.7 }, { offering: '', quantity: 1 }, { offering: 'itv_hd', quantity: 0 }])).toEqual([{ offering: 'm_5g_199', quantity: 2 }, { offering: 'itv_hd', quantity: 1 }]);
  });

  it('asks for the order’s required fields without a default, not the customer or the quote', () => {
    const fields = [{ name: 'customer', required: true }, { name: 'channel', required: true }, { name: 'status', required: true, default: 'draft' }, { name: 'note' }, { name: 'acceptedQuote', required: true }];
    expect(fieldsToAsk(fields, ['acceptedQuote', 'customer']).map((f) => f.name)).toEqual(['channel']);
  });
});
