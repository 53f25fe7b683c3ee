import { describe, expect, it } from 'vitest';
import { fieldAccess, grantForEditing, grantedEntities, withFieldAccess } from './role-grant.js';

describe('a role grant as the roles screen edits it', () => {
  const permissions = { entities: { '*': { read: 'unit', create: 'unit' }, customer: { read: 'unit', fields: { '*': 'read', phone: 'write' } } } } as never;

  it('starts from the entity’s own grant, or from the role’s * grant marked inherited', () => {
    expect(grantForEditing(permissions, 'customer')).toEqual({ grant: { read: 'unit', create: 'none', update: 'none', delete: 'none', fields: { '*': 'read', phone: 'write' } }, inherited: false, exists: true });
    expect(grantForEditing(permissions, 'loyalty_card')).toEqual({ grant: { read: 'unit', create: 'unit', update: 'none', delete: 'none', fields: {} }, inherited: true, exists: false });
    expect(grantForEditing({ entities: {} }, 'loyalty_card').inherited).toBe(false);
  });

  it('gives a field its own entry, else the * entry, else hidden', () => {
    const { grant } = grantForEditing(permissions, 'customer');
    expect([fieldAccess(grant, 'phone'), fieldAccess(grant, 'email')]).toEqual(['write', 'read']);
    expect(fieldAccess(grantForEditing(permissions, 'order').grant, 'status')).toBe('hidden');
  });

  it('drops a field entry that says what * already gives', () => {
    const { grant } = grantForEditing(permissions, 'customer');
    expect(withFieldAccess(grant, 'phone', 'read').fields).toEqual({ '*': 'read' });
    expect(withFieldAccess(grant, 'email', 'hidden').fields).toEqual({ '*': 'read', phone: 'write', email: 'hidden' });
    expect(withFieldAccess({ ...grant, fields: {} }, 'email', 'hidden').fields).toEqual({});
    expect(withFieldAccess(grant, '*', 'write').fields).toEqual({ '*': 'write', phone: 'write' });
  });

  it('lists the entities a role names, * last', () => {
    expect(grantedEntities(permissions)).toEqual(['customer', '*']);
  });
});
