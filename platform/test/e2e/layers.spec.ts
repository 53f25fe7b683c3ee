import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { customerInput, publishExampleWithOrg, signedInAs } from '../support/example-org.js';
import { errorOf, publishReviewed } from '../support/crm-seed.js';
import { editableLayerKeys, layerChangeProblems, withLayer } from '../../src/publish/layer-editing.js';
import { createBuiltinRegistry, type LayerDocument, type MetadataSet } from '@lattice/runtime';

const PLAN = `query($s: JSON) { plan(source: $s) { blocked layerProblems { code path message } layerConflicts } }`;

type EntityView = { key: string; fields: { key: string; label?: Record<string, string>; default?: unknown }[] };
const fieldOf = (view: { entities: EntityView[] }, entity: string, field: string) => view.entities.find((e) => e.key === entity)?.fields.find((f) => f.key === field);

describe('metadata layers along the org tree', () => {
  let lattice: TestPlatform;
  const live = () => lattice.metadata.liveSource();
  const creditLevelLabel = (set: MetadataSet, label: string): MetadataSet => ({
    ...set,
    entities: set.entities.map((e) => (e.key !== 'customer' ? e : { ...e, fields: e.fields.map((f) => (f.key === 'credit_level' ? { ...f, label: { ...(f.label as object), 'zh-CN': label } } : f)) })),
  });

  beforeAll(async () => {
    lattice = await startTestPlatform();
    await publishExampleWithOrg(lattice);
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('gives each unit its effective metadata: Sichuan\'s label and default below Sichuan, the group\'s in Fujian', async () => {
    const chengdu = (await lattice.accessAs('wh.supervisor')).effectiveMetadata() as unknown as { entities: EntityView[]; layers: string[] };
    expect(chengdu.layers).toEqual(['sc', 'sc_cd', 'sc_cd_wh']);
    expect(fieldOf(chengdu, 'customer', 'credit_level')).toMatchObject({ label: { 'zh-CN': '信用星级' }, default: 'A' });
    const fujian = (await lattice.accessAs('fj.admin')).effectiveMetadata() as unknown as { entities: EntityView[]; layers: string[] };
    expect(fujian.layers).toEqual([]);
    expect(fieldOf(fujian, 'customer', 'credit_level')).toMatchObject({ label: { 'zh-CN': '信用等级' } });
    expect(fieldOf(fujian, 'customer', 'credit_level')).not.toHaveProperty('default');
  });

  it('shows a county\'s added field only in the county: its hall reads and writes it, another hall cannot reach it', async () => {
    const wuhou = await lattice.accessAs('wh.counter');
    expect(fieldOf(wuhou.effectiveMetadata() as never, 'customer', 'wh_community')).toBeDefined();
    const created = await wuhou.create('Customer', customerInput('社区客户', { whCommunity: '玉林北路社区' }));
    expect(created['whCommunity']).toBe('玉林北路社区');
    const jinniu = await lattice.accessAs('jn.counter');
    expect(fieldOf(jinniu.effectiveMetadata() as never, 'customer', 'wh_community')).toBeUndefined();
    await expect(jinniu.list('Customer', { filter: { whCommunity: { eq: '玉林北路社区' } } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(jinniu.create('Customer', customerInput('越界', { whCommunity: 'x' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await jinniu.create('Customer', customerInput('金牛客户'))).whCommunity).toBeUndefined();
  });

  it('reports a conflict at plan time when the group changes what Sichuan overrode, and publishes once Sichuan re-confirms', async () => {
    const changed = creditLevelLabel(live(), '信用评级');
    const plan = dataOf(await lattice.admin(PLAN, { s: changed })).plan;
    expect(plan.blocked).toBe(true);
    expect(plan.layerConflicts).toMatchObject([{ layer: 'sc', entity: 'customer', field: 'credit_level', property: 'label.zh-CN', base: '信用等级', current: '信用评级', value: '信用星级', changedBy: 'core' }]);
    expect(plan.layerProblems.map((p: { code: string }) => p.code)).toEqual(['layer.conflict']);
    expect(errorOf(await publishReviewed(lattice.admin, changed)).extensions?.code).toBe('VALIDATION');
    expect(lattice.metadata.liveSource()).not.toEqual(changed);

    const sichuan = (changed.layers as LayerDocument[]).find((l) => l.key === 'sc') as LayerDocument;
    const reconfirmed = JSON.parse(JSON.stringify(sichuan).replace('"base":"信用等级"', '"base":"信用评级"')) as LayerDocument;
    const resolved = withLayer(changed, reconfirmed);
    expect(dataOf(await lattice.admin(PLAN, { s: resolved })).plan).toMatchObject({ blocked: false, layerConflicts: [] });
    expect(dataOf(await publishReviewed(lattice.admin, resolved)).publish.version).toBe(2);
  });

  it('over the admin API: a Sichuan admin saves and publishes a city layer, and is refused the group\'s layer, a locked item and the entities', async () => {
    const sc = await signedInAs(lattice, 'sc.admin');
    const SAVE = `mutation($l: JSON!) { saveLayer(layer: $l) { problems { code } } }`;
    expect(dataOf(await sc.admin(`{ editableLayers }`)).editableLayers).toEqual(expect.arrayContaining(['sc', 'sc_cd', 'sc_cd_wh']));
    const chengdu = { kind: 'layer', key: 'sc_cd', entities: [{ key: 'customer', fields: [{ key: 'notes', set: { 'label.zh-CN': { value: '成都服务备注', base: '备注' } } }] }] };
    expect(dataOf(await sc.admin(SAVE, { l: chengdu })).saveLayer.problems).toEqual([]);
    const published = dataOf(await publishReviewed(sc.admin)).publish.version;
    expect(published).toBeGreaterThan(1);
    const view = (await lattice.accessAs('wh.counter')).effectiveMetadata() as unknown as { entities: EntityView[]; layers: string[] };
    expect(view.layers).toEqual(['sc', 'sc_cd', 'sc_cd_wh']);
    expect(fieldOf(view, 'customer', 'notes')?.label).toMatchObject({ 'zh-CN': '成都服务备注' });

    const group = { kind: 'layer', key: 'group', entities: [{ key: 'customer', fields: [{ key: 'notes', set: { 'label.zh-CN': { value: '越权', base: '备注' } } }] }] };
    const refused = await sc.admin(SAVE, { l: group });
    expect(errorOf(refused).extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(refused).extensions?.problems).toMatchObject([{ code: 'layer.edit-forbidden' }]);
    const locked = { ...chengdu, entities: [{ key: 'customer', fields: [{ key: 'credit_level', set: { default: { value: 'B', base: 'A' } } }] }] };
    expect(errorOf(await sc.admin(SAVE, { l: locked })).extensions?.problems).toMatchObject([{ code: 'layer.locked' }]);
    expect(errorOf(await publishReviewed(sc.admin, creditLevelLabel(live(), '越权修改'))).extensions?.code).toBe('FORBIDDEN');
    expect(errorOf(await (await signedInAs(lattice, 'wh.counter')).admin(SAVE, { l: chengdu })).extensions?.code).toBe('FORBIDDEN');
  });

  it('lets a regional admin edit only their own layers, and nothing a layer above locked', async () => {
    const registry = createBuiltinRegistry();
    const scAdmin = (await lattice.org.actorByLogin('sc.admin'))!;
    const editable = editableLayerKeys(scAdmin, lattice.org.directory);
    expect(editable).toContain('sc_cd');
    expect(editable).not.toContain('group');
    expect(editable).not.toContain('fj');
    const source = live();
    const groupLayer: LayerDocument = { kind: 'layer', key: 'group', entities: [{ key: 'customer', fields: [{ key: 'notes', set: { 'label.zh-CN': { value: '集团备注', base: null } } }] }] };
    expect(layerChangeProblems(source, withLayer(source, groupLayer), editable, lattice.org.directory, registry).map((p) => p.code)).toEqual(['layer.edit-forbidden']);
    const chengduOverride: LayerDocument = { kind: 'layer', key: 'sc_cd', entities: [{ key: 'customer', fields: [{ key: 'credit_level', set: { default: { value: 'B', base: 'A' } } }] }] };
    expect(layerChangeProblems(source, withLayer(source, chengduOverride), editable, lattice.org.directory, registry).map((p) => p.code)).toEqual(['layer.locked']);
    const chengduLabel: LayerDocument = { kind: 'layer', key: 'sc_cd', entities: [{ key: 'customer', fields: [{ key: 'notes', set: { 'label.zh-CN': { value: '成都备注', base: '备注' } } }] }] };
    expect(layerChangeProblems(source, withLayer(source, chengduLabel), editable, lattice.org.directory, registry)).toEqual([]);
    expect(layerChangeProblems(source, creditLevelLabel(source, '随意'), editable, lattice.org.directory, registry).map((p) => p.path)).toEqual(['entities']);
    const withRules = { ...source, ruleSets: [{ kind: 'ruleSet', key: 'sneaky', entity: 'customer', rules: [] }] };
    expect(layerChangeProblems(source, withRules, editable, lattice.org.directory, registry).map((p) => p.path)).toEqual(['ruleSets']);
  });
});
