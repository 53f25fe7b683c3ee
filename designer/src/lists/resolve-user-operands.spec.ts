import { describe, expect, it } from 'vitest';
import { resolveUserOperands } from './resolve-user-operands.js';

const viewer = {
  id: 'u1',
  login: 'wh.counter',
  displayName: 'Zhou',
  positions: [
    { unitId: 'other', unitKey: 'sc_cd', unitName: {}, unitPath: ['group', 'sc', 'sc_cd'], role: 'supervisor', roleLabel: {}, primary: false },
    { unitId: 'hall', unitKey: 'sc_cd_wh_h1', unitName: {}, unitPath: ['group', 'sc', 'sc_cd', 'sc_cd_wh', 'sc_cd_wh_h1'], role: 'counter_operator', roleLabel: {}, primary: true },
  ],
};

describe('a shared view\'s $user operands', () => {
  it('stand for the signed-in user\'s id, primary unit, its path and every role, wherever they are in the filter', () => {
    const filter = { and: [{ orgUnitId: { eq: { $user: 'unitId' } } }, { ownerId: { ne: { $user: 'id' } } }], or: [{ region: { in: { $user: 'unitPath' } } }], not: { role: { notIn: { $user: 'roles' } } } };
    expect(resolveUserOperands(filter, viewer)).toEqual({
      and: [{ orgUnitId: { eq: 'hall' } }, { ownerId: { ne: 'u1' } }],
      or: [{ region: { in: ['group', 'sc', 'sc_cd', 'sc_cd_wh', 'sc_cd_wh_h1'] } }],
      not: { role: { notIn: ['supervisor', 'counter_operator'] } },
    });
  });

  it('leaves plain values alone', () => {
    expect(resolveUserOperands({ customerType: { in: ['enterprise'] } }, viewer)).toEqual({ customerType: { in: ['enterprise'] } });
  });
});
