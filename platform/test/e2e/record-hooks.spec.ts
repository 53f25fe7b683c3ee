import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PLUGIN_API_VERSION } from '@lattice/runtime';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { errorOf, publishModel } from '../support/crm-seed.js';
import { hookPlugin } from '../support/hook-plugin.js';
import { customerInput, publishExampleWithOrg, signedInAs } from '../support/example-org.js';

const CREATE = `mutation($input: ProductCreateInput!) { createProduct(input: $input) { id version } }`;
const CREATE_MANY = `mutation($inputs: [ProductCreateInput!]!) { createProducts(inputs: $inputs) { id } }`;

describe('record hooks of a plugin', () => {
  let lattice: TestPlatform;

  beforeAll(async () => {
    lattice = await startTestPlatform({ plugins: [hookPlugin] });
    await publishModel(lattice);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  const rows = async (table: string, where: string, params: unknown[]) => Number((await lattice.sql(`select count(*)::int as n from ${table} where ${where}`, params))[0].n);
  const products = (code: string) => rows('product', 'code = $1', [code]);
  const customers = (name: string) => rows('customer', 'name = $1', [name]);

  it('writes another record in the same transaction after persist, audited like any write', async () => {
    const created = dataOf(await lattice.records(CREATE, { input: { code: 'H1', title: 'Plain', monthlyFee: '9.00' } })).createProduct;
    expect(created.version).toBe(1);
    expect(await customers('Made for H1')).toBe(1);
    const audited = await lattice.sql(`select action, entity from lattice_audit_entry where changes::text like '%Made for H1%'`);
    expect(audited).toEqual([{ action: 'create', entity: 'customer' }]);
  });

  it('run each write of parallel calls on one access point in its own transaction, the hooks\' writes in it', async () => {
    // Ten writes started at once on one access point (a script's or a job's), one of them failing after its hook wrote.
    const access = lattice.access();
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => access.create('Product', { code: `PAR${i}`, title: i === 3 ? 'then-fail' : 'Parallel', monthlyFee: '2.00' })));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 10 }, (_, i) => (i === 3 ? 'rejected' : 'fulfilled')));
    expect(await rows('product', "code like 'PAR%'", [])).toBe(9);
    expect(await rows('customer', "name like 'Made for PAR%'", [])).toBe(9);
    expect(await customers('Made for PAR3')).toBe(0);
    // No connection is left behind: the platform still writes and reads.
    expect(dataOf(await lattice.records(CREATE, { input: { code: 'PAR_AFTER', title: 'After', monthlyFee: '2.00' } })).createProduct.version).toBe(1);
  });

  it('refuses a write a before-hook has problems with, as a form problem, naming the input of a batch', async () => {
    const single = errorOf(await lattice.records(CREATE, { input: { code: 'H2', title: 'a forbidden title', monthlyFee: '9.00' } }));
    expect(single.extensions).toMatchObject({ code: 'VALIDATION', problems: [{ code: 'test-hooks.title', path: 'title', message: 'A product title may not say "forbidden"' }] });
    const batch = errorOf(await lattice.records(CREATE_MANY, { inputs: [{ code: 'H3', title: 'Fine', monthlyFee: '1.00' }, { code: 'H4', title: 'forbidden too', monthlyFee: '1.00' }] }));
    expect(batch.extensions?.problems).toMatchObject([{ code: 'test-hooks.title', path: '[1].title' }]);
    expect([await products('H2'), await products('H3'), await products('H4'), await customers('Made for H3')]).toEqual([0, 0, 0, 0]);
  });

  it('runs on updates with the record as it will be, and on deletes with the stored record', async () => {
    const kept = dataOf(await lattice.records(CREATE, { input: { code: 'KEEP', title: 'Kept', monthlyFee: '1.00' } })).createProduct;
    const renamed = errorOf(await lattice.records(`mutation($id: ID!) { updateProduct(id: $id, version: 1, input: { title: "now forbidden" }) { id } }`, { id: kept.id }));
    expect(renamed.extensions?.problems).toMatchObject([{ code: 'test-hooks.title', path: 'title' }]);
    const deleted = errorOf(await lattice.records(`mutation($id: ID!) { deleteProduct(id: $id, version: 1) { id } }`, { id: kept.id }));
    expect(deleted.extensions?.problems).toMatchObject([{ code: 'test-hooks.kept', path: 'code' }]);
    expect(await lattice.sql(`select title, deleted_at from product where code = 'KEEP'`)).toEqual([{ title: 'Kept', deleted_at: null }]);
  });

  it('fails the write cleanly when a hook throws: the plugin and hook named, the stack logged on the server only', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = errorOf(await lattice.records(CREATE, { input: { code: 'H5', title: 'boom', monthlyFee: '1.00' } }));
      expect(error.message).toBe('Hook "throws" of plugin "test-hooks" failed; nothing was stored');
      expect(error.extensions).toMatchObject({ code: 'INTERNAL', plugin: 'test-hooks', hook: 'throws' });
      expect(JSON.stringify(error)).not.toContain('abc123');
      expect(logged.mock.calls.some(([, e]) => e instanceof Error && e.message.includes('abc123'))).toBe(true);
    } finally {
      logged.mockRestore();
    }
    expect(await products('H5')).toBe(0);
  });

  it('fails the write when a hook runs past its time limit, and the platform keeps serving', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = Date.now();
    try {
      const error = errorOf(await lattice.records(CREATE, { input: { code: 'H6', title: 'hang', monthlyFee: '1.00' } }));
      expect(error.message).toBe('Hook "hangs" of plugin "test-hooks" did not finish within 300 ms; nothing was stored');
      expect(error.extensions).toMatchObject({ code: 'INTERNAL', plugin: 'test-hooks', hook: 'hangs' });
    } finally {
      logged.mockRestore();
    }
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await products('H6')).toBe(0);
    dataOf(await lattice.records(CREATE, { input: { code: 'H7', title: 'After the hang', monthlyFee: '1.00' } }));
    expect(await products('H7')).toBe(1);
  });

  it('rolls back what an after-hook wrote with the write it fails', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = errorOf(await lattice.records(CREATE, { input: { code: 'H8', title: 'then-fail', monthlyFee: '1.00' } }));
      expect(error.extensions).toMatchObject({ code: 'INTERNAL', hook: 'customer-for-product' });
    } finally {
      logged.mockRestore();
    }
    expect([await products('H8'), await customers('Made for H8')]).toEqual([0, 0]);
    expect(await rows('lattice_audit_entry', `changes::text like '%H8%'`, [])).toBe(0);
  });
});

describe('a hook\'s own writes', () => {
  let lattice: TestPlatform;

  beforeAll(async () => {
    lattice = await startTestPlatform({ plugins: [hookPlugin] });
    await publishExampleWithOrg(lattice);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('are made with the writer\'s permissions: a hall operator\'s hook may not create what they may not, and their write stores nothing', async () => {
    const counter = await signedInAs(lattice, 'wh.counter');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const error = errorOf(await counter.records(`mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`, { input: customerInput('Needs a product, please') }));
      expect(error.extensions).toMatchObject({ code: 'INTERNAL', plugin: 'test-hooks', hook: 'product-for-customer' });
      expect(error.message).toBe('Hook "product-for-customer" of plugin "test-hooks" failed: Your roles do not allow you to create Product records; nothing was stored');
    } finally {
      logged.mockRestore();
    }
    expect(await lattice.sql(`select count(*)::int as n from customer where name like 'Needs a product%'`)).toEqual([{ n: 0 }]);
    expect(await lattice.sql(`select count(*)::int as n from product where code = 'HOOKED'`)).toEqual([{ n: 0 }]);
    dataOf(await counter.records(`mutation($input: CustomerCreateInput!) { createCustomer(input: $input) { id } }`, { input: customerInput('An ordinary customer') }));
  });
});

describe('record hooks that cannot be registered', () => {
  it('stop the start, naming the plugin and the hook', async () => {
    const bad = { key: 'bad-hooks', apiVersion: PLUGIN_API_VERSION, hooks: [{ key: 'x', entity: 'product', step: 'duringPersist', run: () => [] }] } as never;
    await expect(startTestPlatform({ plugins: [bad] })).rejects.toThrow('Plugin "bad-hooks" has hooks that cannot be registered: plugins[bad-hooks].hooks[0].step: A hook runs at "beforePersist" or "afterPersist", not "duringPersist"');
  });
});
