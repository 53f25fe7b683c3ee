import { describe, expect, it } from 'vitest';
import { OrgDirectory, type OrgUnit } from '../org/org-directory.js';
import { ActorGrants } from './actor-grants.js';
import { rightsBeyond } from './grant-bounds.js';
import { permissionDocumentSchema, type PermissionDocumentInput } from './permission-document.js';

const unit = (key: string, parent: OrgUnit | null): OrgUnit => ({ id: key, key, name: {}, kind: 'x', parentId: parent?.id ?? null, path: `${parent?.path ?? '/'}${key}/`, depth: parent ? parent.depth + 1 : 0, headUserId: null });
const group = unit('group', null);
const sc = unit('sc', group);
const cd = unit('cd', sc);
const hall = unit('hall', cd);
const fj = unit('fj', group);
const directory = new OrgDirectory([group, sc, cd, hall, fj]);

const doc = (input: PermissionDocumentInput) => permissionDocumentSchema.parse(input);
const holding = (...positions: [string, PermissionDocumentInput][]) => ActorGrants.of(positions.map(([unitId, p], i) => ({ unitId, roleKey: `r${i}`, isPrimary: i === 0, permissions: doc(p) })));

const regionalAdmin = doc({
  entities: { '*': { read: 'subtree', create: 'subtree', update: 'subtree', delete: 'subtree', fields: { '*': 'write' } }, product: { read: 'all', fields: { '*': 'read' } } },
  capabilities: ['metadata.read', 'layers.edit', 'org.manage', 'audit.read', 'access-log.read'],
});
const cdAdmin = ActorGrants.of([{ unitId: 'cd', roleKey: 'regional_admin', isPrimary: true, permissions: regionalAdmin }]);
const counterOperator = { entities: { customer: { read: 'unit', create: 'unit', update: 'unit', fields: { name: 'write', id_number: 'write' } }, product: { read: 'all', fields: { '*': 'read' } } } } as const;

describe('rightsBeyond: a grant is bounded by the granter’s rights at the unit', () => {
  it('lets a regional admin give an operating role in his subtree', () => {
    expect(rightsBeyond(cdAdmin, doc(counterOperator), { unitId: 'hall' }, directory)).toEqual([]);
    expect(rightsBeyond(cdAdmin, regionalAdmin, { unitId: 'cd' }, directory)).toEqual([]);
  });

  it('names every right the role gives beyond his: wider scopes and capabilities he lacks', () => {
    const hq = doc({ entities: { '*': { read: 'all', update: 'all', fields: { '*': 'write' } } }, capabilities: ['metadata.publish', 'audit.read'] });
    expect(rightsBeyond(cdAdmin, hq, { unitId: 'cd' }, directory)).toEqual([
      'the capability "metadata.publish"',
      'read "all" on every other entity',
      'update "all" on every other entity',
      // He reads products everywhere, but may not change them or their fields.
      'update "all" on entity "product"',
      'write access to the other fields of entity "product" (you hold read)',
    ]);
  });

  it('counts only positions in the unit or above it', () => {
    expect(rightsBeyond(cdAdmin, doc(counterOperator), { unitId: 'fj' }, directory)).toEqual([
      'read "unit" on entity "customer"',
      'create "unit" on entity "customer"',
      'update "unit" on entity "customer"',
      'write access to field "name" of entity "customer"',
      'write access to field "id_number" of entity "customer"',
      'read "all" on entity "product"',
      'read access to the other fields of entity "product"',
    ]);
    expect(rightsBeyond(cdAdmin, doc({ capabilities: ['audit.read'] }), { unitId: 'sc' }, directory)).toEqual(['the capability "audit.read"']);
  });

  it('compares scopes by what they contain: unit only in that unit, own by own', () => {
    const supervisor = holding(['cd', { entities: { customer: { read: 'unit', fields: { '*': 'read' } } } }]);
    expect(rightsBeyond(supervisor, doc({ entities: { customer: { read: 'unit' } } }), { unitId: 'cd' }, directory)).toEqual([]);
    expect(rightsBeyond(supervisor, doc({ entities: { customer: { read: 'own' } } }), { unitId: 'cd' }, directory)).toEqual([]);
    expect(rightsBeyond(supervisor, doc({ entities: { customer: { read: 'unit' } } }), { unitId: 'hall' }, directory)).toEqual(['read "unit" on entity "customer"']);
    expect(rightsBeyond(supervisor, doc({ entities: { customer: { read: 'subtree' } } }), { unitId: 'cd' }, directory)).toEqual(['read "subtree" on entity "customer"']);
    const manager = holding(['cd', { entities: { customer: { read: 'own', fields: { '*': 'write' } } } }]);
    expect(rightsBeyond(manager, doc({ entities: { customer: { read: 'own', fields: { name: 'write' } } } }), { unitId: 'hall' }, directory)).toEqual([]);
    expect(rightsBeyond(manager, doc({ entities: { customer: { read: 'unit' } } }), { unitId: 'hall' }, directory)).toEqual(['read "unit" on entity "customer"']);
  });

  it('compares fields one by one, and a role’s * against every field the granter holds less of', () => {
    const limited = holding(['cd', { entities: { customer: { read: 'subtree', fields: { '*': 'write', id_number: 'hidden', phone: 'read' } } } }]);
    expect(rightsBeyond(limited, doc({ entities: { customer: { read: 'unit', fields: { name: 'write', phone: 'read' } } } }), { unitId: 'hall' }, directory)).toEqual([]);
    expect(rightsBeyond(limited, doc({ entities: { customer: { read: 'unit', fields: { phone: 'write' } } } }), { unitId: 'hall' }, directory)).toEqual(['write access to field "phone" of entity "customer" (you hold read)']);
    expect(rightsBeyond(limited, doc({ entities: { customer: { read: 'unit', fields: { '*': 'read' } } } }), { unitId: 'hall' }, directory)).toEqual(['read access to field "id_number" of entity "customer"']);
    // A role's entity "*" reaches the entities the granter names, where he may hold less.
    expect(rightsBeyond(limited, doc({ entities: { '*': { read: 'unit' } } }), { unitId: 'hall' }, directory)).toEqual(['read "unit" on every other entity']);
  });

  it('takes the widest field access of the positions that read the entity, whichever grants the scope', () => {
    const two = holding(['cd', { entities: { customer: { read: 'subtree', fields: { name: 'read' } } } }], ['sc', { entities: { customer: { read: 'own', fields: { name: 'write' } } } }]);
    expect(rightsBeyond(two, doc({ entities: { customer: { read: 'unit', fields: { name: 'write' } } } }), { unitId: 'hall' }, directory)).toEqual([]);
  });

  it('bounds a role edit by the rights that reach every unit below the root', () => {
    const topAdmin = ActorGrants.of([{ unitId: 'group', roleKey: 'regional_admin', isPrimary: true, permissions: regionalAdmin }]);
    expect(rightsBeyond(topAdmin, doc(counterOperator), { unitId: 'group', anywhereBelow: true }, directory)).toEqual([]);
    expect(rightsBeyond(topAdmin, doc({ capabilities: ['metadata.publish'] }), { unitId: 'group', anywhereBelow: true }, directory)).toEqual(['the capability "metadata.publish"']);
    const unitOnly = holding(['group', { entities: { customer: { read: 'unit' } } }]);
    expect(rightsBeyond(unitOnly, doc({ entities: { customer: { read: 'unit' } } }), { unitId: 'group', anywhereBelow: true }, directory)).toEqual(['read "unit" on entity "customer"']);
  });

  it('holds everything for a platform admin', () => {
    expect(rightsBeyond(ActorGrants.unrestricted(), doc({ entities: { '*': { read: 'all' } }, capabilities: ['metadata.publish'] }), { unitId: 'fj' }, directory)).toEqual([]);
  });
});
