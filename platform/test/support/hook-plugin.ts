import { definePlugin, PLUGIN_API_VERSION } from '@lattice/runtime';

/**
 * A plugin whose product hooks do what the product's title says: refuse,
 * throw, hang, or (after persist) write a customer for the product and then
 * perhaps fail. A product coded `KEEP` may not be deleted. A customer named
 * "Needs a product…" gets one written by its hook, with the writer's rights.
 */
export const hookPlugin = definePlugin({
  key: 'test-hooks',
  apiVersion: PLUGIN_API_VERSION,
  hooks: [
    {
      key: 'no-forbidden-titles',
      entity: 'product',
      verbs: ['create', 'update'],
      step: 'beforePersist',
      run: ({ record }) => (String(record['title']).includes('forbidden') ? [{ code: 'test-hooks.title', path: 'title', message: 'A product title may not say "forbidden"' }] : []),
    },
    {
      key: 'keep-kept',
      entity: 'product',
      verbs: ['softDelete'],
      step: 'beforePersist',
      run: ({ stored }) => (stored?.['code'] === 'KEEP' ? [{ code: 'test-hooks.kept', path: 'code', message: 'Product KEEP stays' }] : []),
    },
    {
      key: 'throws',
      entity: 'product',
      step: 'beforePersist',
      run: ({ record }) => {
        if (record['title'] === 'boom') throw new Error('secret detail of the hook: token=abc123');
      },
    },
    {
      key: 'hangs',
      entity: 'product',
      step: 'beforePersist',
      timeoutMs: 300,
      run: async ({ record }) => {
        if (record['title'] === 'hang') await new Promise(() => undefined);
      },
    },
    {
      key: 'customer-for-product',
      entity: 'product',
      verbs: ['create'],
      step: 'afterPersist',
      run: async ({ record, records }) => {
        await records.create('Customer', { name: `Made for ${String(record['code'])}` });
        if (record['title'] === 'then-fail') throw new Error('failed after writing');
      },
    },
    {
      key: 'product-for-customer',
      entity: 'customer',
      verbs: ['create'],
      step: 'afterPersist',
      run: async ({ record, records }) => {
        if (String(record['name']).startsWith('Needs a product')) await records.create('Product', { code: 'HOOKED', title: 'Written by a hook', monthlyFee: '1.00' });
      },
    },
  ],
});
