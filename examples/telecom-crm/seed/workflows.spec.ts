import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compileModel, createBuiltinRegistry, type CompiledModel, type CompiledWorkflows } from '@lattice/runtime';
import { ENTITIES_DIR, metadataDocuments } from './testing/entity-documents.js';

/**
 * The example's processes (metadata/workflows) compile with its entities and
 * layers: an accepted order becomes work orders in the installers' queue,
 * complaints and faults are acknowledged in 2 hours and resolved in 24 (48 in
 * Fucheng's rural service area, its layer's override), and end with a
 * return visit. The figures are the example's configuration.
 */
const METADATA = join(ENTITIES_DIR, '..');
const documents = metadataDocuments;

const compiled = compileModel({ entities: documents('entities'), layers: documents('layers'), tariffs: parse(readFileSync(join(METADATA, 'tariffs.yaml'), 'utf8')), facts: documents('facts'), forms: documents('forms'), workflows: documents('workflows') }, createBuiltinRegistry());
const workflows = (compiled.ok ? compiled.value : undefined as unknown as CompiledModel)?.section<CompiledWorkflows>('workflows');

describe('metadata/workflows', () => {
  it('compile with the entities and layers, one workflow per entity', () => {
    expect(compiled.ok ? [] : compiled.problems).toEqual([]);
    expect(workflows?.all.map((w) => `${w.entity}: ${w.key}`).sort()).toEqual(['complaint: complaint_handling', 'group_tariff: group_tariff_approval', 'order: broadband_order', 'work_order: work_order_fulfilment']);
  });

  it('approve a group tariff at the city (any approver), then the province (every approver), and keep it read-only once approved', () => {
    const tariff = workflows?.of('group_tariff');
    const approval = tariff?.state('under_approval')?.approval;
    expect(approval?.levels.map((l) => [l.key, l.approvers, l.mode])).toEqual([
      ['city', { role: 'tariff_approver', unitLevel: 'city' }, 'anyOf'],
      ['province', { role: 'tariff_approver', unitLevel: 'province' }, 'allOf'],
    ]);
    expect([approval?.approved, approval?.rejectTo]).toEqual(['approved', ['draft', 'withdrawn']]);
    expect(tariff?.state('approved')?.readOnly).toBe(true);
    expect(tariff?.transitionsFrom('under_approval')).toEqual([]);
  });

  it('dispatch an order into one installation work order per item, queued for the installers', () => {
    const order = workflows?.of('order');
    expect(order?.transition('dispatch')?.document.actions).toEqual([{ create: { entity: 'work_order', each: 'items', values: { customerOrder: { from: '$id' }, orderItem: { fromItem: '$id' }, workKind: 'installation' } } }]);
    expect(workflows?.of('work_order')?.state('queued')?.onEnter).toEqual([{ assign: { queue: 'installers' } }]);
  });

  it('give complaints 2 hours to acknowledge and 24 to resolve, 48 in Fucheng, with the clock stopped while waiting for the customer', () => {
    const group = workflows?.of('complaint', ['group', 'sc', 'sc_cd', 'sc_cd_wh']);
    const fucheng = workflows?.of('complaint', ['group', 'sc', 'sc_my', 'sc_my_fc']);
    expect(group?.settings('new').timeLimit?.hours).toBe(2);
    expect(group?.settings('acknowledged').timeLimit?.hours).toBe(24);
    expect(fucheng?.settings('acknowledged').timeLimit?.hours).toBe(48);
    expect(fucheng?.settings('waiting_customer').stopsClock).toBe(true);
    expect(group?.transition('return_visit')?.required).toEqual(['satisfaction', 'returnVisitNote']);
  });
});
