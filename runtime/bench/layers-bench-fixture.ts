import type { EntityDocument, EntityOverlay, FieldDocument, LayerDocument, MetadataSet } from '../src/index.js';

/**
 * Illustrative size: a base set of `entities` entities with 16 fields each,
 * and a path of layers where the upper layers touch more entities than the
 * lower ones. Every layer relabels, sets a default, narrows a picklist, hides
 * a field, adds a field and a validation rule, and locks what it set. Each
 * override records the value it saw, so the fold finds no conflict.
 */
export function benchBase(entities: number): MetadataSet {
  return { entities: Array.from({ length: entities }, (_, i) => benchEntity(i)) };
}

function benchEntity(i: number): EntityDocument {
  const fields: FieldDocument[] = [];
  for (let t = 0; t < 6; t++) fields.push({ key: `text_${t}`, name: `text${t}`, type: 'text', maxLength: 80, label: { en: `Text ${t}`, 'zh-CN': `文本${t}` } });
  for (let p = 0; p < 6; p++) {
    fields.push({ key: `pick_${p}`, name: `pick${p}`, type: 'picklist', options: ['a', 'b', 'c', 'd'].map((value) => ({ value })), default: 'a', label: { en: `Pick ${p}` } });
  }
  fields.push(
    { key: 'amount', name: 'amount', type: 'money', default: '0' },
    { key: 'quantity', name: 'quantity', type: 'integer', default: 1 },
    { key: 'active', name: 'active', type: 'boolean', default: true },
    { key: 'signed_on', name: 'signedOn', type: 'date' },
  );
  return { kind: 'entity', key: `entity_${i}`, name: `Entity${i}`, label: { en: `Entity ${i}`, 'zh-CN': `实体${i}` }, fields };
}

/** Layer keys and how many entities each touches, top-down: group, province, city, county, district, hall. */
export const BENCH_PATH: ReadonlyArray<{ key: string; touches: number }> = [
  { key: 'group', touches: 200 },
  { key: 'sichuan', touches: 100 },
  { key: 'chengdu', touches: 50 },
  { key: 'jinjiang', touches: 30 },
  { key: 'chunxi', touches: 20 },
  { key: 'chunxi_road_hall', touches: 10 },
];

export function benchLayers(base: MetadataSet): LayerDocument[] {
  // What each property is after the layers generated so far: the next override's base.
  const current = new Map<string, unknown>();
  const seen = (path: string, original: unknown) => (current.has(path) ? current.get(path) : original);
  return BENCH_PATH.map(({ key, touches }, depth) => ({
    kind: 'layer',
    key,
    entities: base.entities.slice(0, touches).map((entity) => {
      const text = `text_${depth}`;
      const pick = `pick_${depth}`;
      const labelPath = `${entity.key}.${text}.label.zh-CN`;
      const defaultPath = `${entity.key}.quantity.default`;
      const overlay: EntityOverlay = {
        key: entity.key,
        set: { 'label.zh-CN': { value: `${key}${entity.key}`, base: seen(`${entity.key}.label.zh-CN`, `实体${entity.key.slice(7)}`) as string } },
        addFields: [{ key: `${key}_note`, name: `${toCamel(key)}Note`, type: 'text', maxLength: 200 }],
        addValidations: [{ key: `${key}_rule`, when: { field: 'quantity', greaterThan: 100 }, message: 'too many' }],
        fields: [
          { key: text, set: { 'label.zh-CN': { value: `${key}${text}`, base: seen(labelPath, `文本${depth}`) as string } }, lock: ['label'] },
          { key: 'quantity', set: { default: { value: depth + 2, base: seen(defaultPath, 1) as number } } },
          { key: pick, set: { options: { value: ['a', 'b', 'c'], base: ['a', 'b', 'c', 'd'] } } },
          { key: 'signed_on', set: { hidden: { value: depth % 2 === 0, base: depth % 2 === 1 && current.has(`${entity.key}.hidden`) } } },
        ],
      };
      current.set(`${entity.key}.label.zh-CN`, `${key}${entity.key}`);
      current.set(labelPath, `${key}${text}`);
      current.set(defaultPath, depth + 2);
      if (depth % 2 === 0) current.set(`${entity.key}.hidden`, true);
      else current.delete(`${entity.key}.hidden`);
      return overlay;
    }),
  }));
}

const toCamel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
