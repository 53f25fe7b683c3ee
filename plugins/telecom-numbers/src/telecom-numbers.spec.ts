import { describe, expect, it } from 'vitest';
import { checkRecordWrite, compileModel, registriesWith, type CompiledModel } from '@lattice/runtime';
import { simCardMetadata } from '../testing/sim-card-metadata.js';
import { iccidFieldType, telecomNumbers } from './index.js';

/** Check digits computed with the Luhn algorithm: a China Mobile, a China Telecom and an unlisted issuer's card. */
const MOBILE_SIM = '89860012345678901238';
const TELECOM_SIM = '89860312345678901235';
const OTHER_SIM = '89860712345678901231';

function compiled(): CompiledModel {
  const { fieldTypes, compileOptions } = registriesWith([telecomNumbers]);
  const result = compileModel(simCardMetadata(), fieldTypes, compileOptions);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

const user = { roles: [], unitPath: [], channel: 'api' };
const unit = { orgUnitId: null, unitKeys: () => [] };

function write(input: Record<string, unknown>) {
  const model = compiled();
  const result = checkRecordWrite(model, unit, { entity: model.entityByKey('sim_card')!, mode: 'create' }, input, { user });
  return result.ok ? { values: result.value.values } : { problems: result.problems.map((p) => `${p.code} @ ${p.path}: ${p.message}`) };
}

describe('the iccid field type', () => {
  it('keeps the digits of an ICCID however it was typed, and says which check digit a mistyped one should have', () => {
    expect(iccidFieldType.decode('8986 0012 3456 7890 1238', {})).toEqual({ ok: true, value: MOBILE_SIM });
    expect(iccidFieldType.decode('８９８６００１２３４５６７８９０１２３８', {})).toEqual({ ok: true, value: MOBILE_SIM });
    expect(iccidFieldType.decode('89860012345678901239', {})).toMatchObject({ ok: false, message: '"89860012345678901239" is not an ICCID: its check digit is 9, the Luhn check digit of the others is 8' });
    expect(iccidFieldType.decode('1386001234567890123', {})).toMatchObject({ ok: false, message: expect.stringContaining('does not start with 89') });
    expect(iccidFieldType.decode('8986-00AB', {})).toMatchObject({ ok: false, message: expect.stringContaining('only digits') });
    expect(iccidFieldType.decode(8.986001234567891e19, {})).toMatchObject({ ok: false, hint: expect.stringContaining('send ICCIDs as text') });
  });
});

describe('the simIssuer fact', () => {
  it('shows a form field only for the issuers a form condition lists, and a rule refuses an issuer it does not take', () => {
    expect(write({ iccid: MOBILE_SIM, roamingPack: 'asia' })).toEqual({ values: expect.objectContaining({ iccid: MOBILE_SIM, roamingPack: 'asia' }) });
    expect(write({ iccid: TELECOM_SIM, roamingPack: 'asia' }).problems).toEqual([expect.stringMatching(/^form\.hidden-field @ roamingPack: /)]);
    expect(write({ iccid: TELECOM_SIM }).values).toMatchObject({ iccid: TELECOM_SIM });
    expect(write({ iccid: OTHER_SIM }).problems).toEqual(['rule.validation @ iccid: SIM cards of this issuer cannot be registered here']);
  });

  it('is checked at plan time like any fact: its params, and its type against the values compared', () => {
    const { fieldTypes, compileOptions } = registriesWith([telecomNumbers]);
    const set = simCardMetadata();
    const rule = set.ruleSets[0]!.rules[0]!;
    rule.conditions.all[0] = { fact: 'simIssuer', params: { field: 'iccid', digits: 12 }, operator: 'equal', value: 898600 } as never;
    const result = compileModel(set, fieldTypes, compileOptions);
    expect(result.ok ? [] : result.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual([
      'rule.bad-params @ ruleSets[sim_card_rules].rules[accepted_issuer].conditions.all[0].params.digits',
      'rule.type-mismatch @ ruleSets[sim_card_rules].rules[accepted_issuer].conditions.all[0].value',
    ]);
  });
});
