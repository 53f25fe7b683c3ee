import { describe, expect, it } from 'vitest';
import { namesCreatedIn, splitContractFirst } from './deferred-drops.js';
import { tableOf } from './run-publish-ddl.js';

describe('contract-first DDL', () => {
  it('defers drops of columns and tables, relaxing the dropped columns now, and keeps everything else in order', () => {
    const ddl = [
      'alter table "customer" add "nickname" varchar(30) null;',
      'alter table "subscription" drop constraint "subscription_plan_foreign";',
      'alter table "customer" drop column "notes", drop column "say ""hi""";',
      'drop table if exists "legacy_item" cascade;',
      'create index "customer_name_index" on "customer" ("name");',
    ];
    expect(splitContractFirst(ddl)).toEqual({
      now: [
        'alter table "customer" add "nickname" varchar(30) null;',
        'alter table "subscription" drop constraint "subscription_plan_foreign";',
        'alter table "customer" alter column "notes" drop not null, alter column "say ""hi""" drop not null;',
        'create index "customer_name_index" on "customer" ("name");',
      ],
      deferred: ['alter table "customer" drop column "notes", drop column "say ""hi""";', 'drop table if exists "legacy_item" cascade;'],
    });
  });

  it('drops at once a column or table the same plan creates again under its name (a key changed without renamedFrom)', () => {
    const ddl = [
      'alter table "customer" drop column "alias", drop column "notes";',
      'alter table "customer" add "alias" varchar(40) null;',
      'drop table "legacy_item" cascade;',
      'create table "legacy_item" ("id" uuid not null);',
    ];
    expect(splitContractFirst(ddl)).toEqual({
      now: [
        'alter table "customer" drop column "alias";',
        'alter table "customer" alter column "notes" drop not null;',
        'alter table "customer" add "alias" varchar(40) null;',
        'drop table "legacy_item" cascade;',
        'create table "legacy_item" ("id" uuid not null);',
      ],
      deferred: ['alter table "customer" drop column "notes";'],
    });
  });

  it('splits statement by statement as the whole plan does, given the names the plan creates (as publish runs it)', () => {
    const ddl = ['alter table "customer" drop column "alias", drop column "notes";', 'drop table "legacy_item" cascade;', 'alter table "customer" add "alias" varchar(40) null;', 'create table "legacy_item" ("id" uuid not null);'];
    const names = namesCreatedIn(ddl);
    const byStatement = ddl.map((statement) => splitContractFirst([statement], names));
    expect({ now: byStatement.flatMap((s) => s.now), deferred: byStatement.flatMap((s) => s.deferred) }).toEqual(splitContractFirst(ddl));
    // Without the plan's names, a statement alone would defer the drop of a column the plan re-creates.
    expect(splitContractFirst([ddl[0]!]).deferred).toEqual([ddl[0]]);
  });

  it('names the table a statement locks', () => {
    expect(tableOf('alter table "customer" add "x" int null;')).toBe('customer');
    expect(tableOf('drop table if exists "legacy_item" cascade;')).toBe('legacy_item');
    expect(tableOf('create index "i" on "order_item" ("a");')).toBe('order_item');
  });
});
