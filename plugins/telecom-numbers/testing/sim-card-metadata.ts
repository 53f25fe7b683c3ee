/**
 * A metadata set that needs this plugin: SIM cards with an `iccid` field, a
 * form that offers roaming packs only for the issuers that sell them, and
 * a rule that takes only the listed issuers' cards. The issuer prefixes are
 * illustrative configuration, as a deployment would write them.
 */
export const ROAMING_ISSUERS = ['898600', '898602'];
export const ACCEPTED_ISSUERS = ['898600', '898601', '898602', '898603'];

const issuer = { fact: 'simIssuer', params: { field: 'iccid' } };

export function simCardMetadata() {
  return {
    entities: [
      {
        kind: 'entity',
        key: 'sim_card',
        name: 'SimCard',
        label: { en: 'SIM card', 'zh-CN': 'SIM卡' },
        titleField: 'iccid',
        fields: [
          { key: 'iccid', name: 'iccid', type: 'iccid', required: true, unique: true, label: { en: 'ICCID', 'zh-CN': 'ICCID卡号' } },
          { key: 'holder', name: 'holder', type: 'text', maxLength: 50 },
          { key: 'roaming_pack', name: 'roamingPack', type: 'picklist', options: [{ value: 'asia' }, { value: 'global' }] },
        ],
      },
    ],
    forms: [
      {
        kind: 'form',
        key: 'sim_card_main',
        entity: 'sim_card',
        default: true,
        tabs: [
          {
            key: 'main',
            sections: [
              {
                key: 'card',
                fields: [{ field: 'iccid' }, { field: 'holder' }, { field: 'roamingPack', visible: { all: [{ ...issuer, operator: 'in', value: ROAMING_ISSUERS }] } }],
              },
            ],
          },
        ],
      },
    ],
    ruleSets: [
      {
        kind: 'ruleSet',
        key: 'sim_card_rules',
        entity: 'sim_card',
        rules: [
          {
            key: 'accepted_issuer',
            kind: 'validation',
            conditions: { all: [{ ...issuer, operator: 'notIn', value: ACCEPTED_ISSUERS }] },
            event: { type: 'invalid', params: { fields: ['iccid'], message: 'SIM cards of this issuer cannot be registered here' } },
          },
        ],
      },
    ],
  };
}
