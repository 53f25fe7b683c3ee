/** A small CRM model for tests: every field type, a reference, its inverse list, a many-to-many and computed fields. */
export function crmFixture() {
  return {
    entities: [
      {
        kind: 'entity',
        key: 'customer',
        name: 'Customer',
        label: { en: 'Customer', 'zh-CN': '客户' },
        titleField: 'cust_name',
        fields: [
          { key: 'cust_name', name: 'name', type: 'text', required: true, maxLength: 50 },
          { key: 'cust_type', name: 'customerType', type: 'picklist', required: true, default: 'individual', options: [{ value: 'individual' }, { value: 'enterprise' }] },
          { key: 'id_type', name: 'idType', type: 'picklist', options: [{ value: 'resident_id' }, { value: 'passport' }] },
          { key: 'id_number', name: 'idNumber', type: 'text', maxLength: 18 },
          { key: 'phone', name: 'phone', type: 'phone', pattern: '^1[3-9]\\d{9}$' },
          { key: 'email', name: 'email', type: 'email' },
          { key: 'vip', name: 'vip', type: 'boolean', default: false },
          { key: 'lines', name: 'lineCount', type: 'integer', min: 0 },
          { key: 'spend', name: 'monthlySpend', type: 'money', min: 0 },
          { key: 'score', name: 'score', type: 'decimal', precision: 8, scale: 3 },
          { key: 'since', name: 'customerSince', type: 'date' },
          { key: 'seen', name: 'lastSeenAt', type: 'datetime' },
          { key: 'tags', name: 'tags', type: 'multiPicklist', options: [{ value: 'gold' }, { value: 'rural' }, { value: 'student' }] },
          { key: 'notes', name: 'notes', type: 'longText' },
          { key: 'extra', name: 'extra', type: 'json' },
          { key: 'code', name: 'customerCode', type: 'autonumber', pattern: 'CUS-{YYYYMMDD}-{seq:4}', timeZone: 'Asia/Shanghai' },
          { key: 'annual', name: 'annualSpend', type: 'formula', expression: 'monthlySpend * 12' },
          { key: 'subs', name: 'subscriptions', type: 'oneToMany', target: 'subscription', inverseOf: 'sub_customer' },
        ],
        indexes: [{ key: 'id_doc', fields: ['id_type', 'id_number'], unique: true }],
      },
      {
        kind: 'entity',
        key: 'product',
        name: 'Product',
        fields: [
          { key: 'code', name: 'code', type: 'text', required: true, unique: true, maxLength: 20 },
          { key: 'title', name: 'title', type: 'text', required: true },
          { key: 'fee', name: 'monthlyFee', type: 'money', required: true },
        ],
      },
      {
        kind: 'entity',
        key: 'subscription',
        name: 'Subscription',
        fields: [
          { key: 'msisdn', name: 'msisdn', type: 'phone', required: true, unique: true },
          { key: 'sub_customer', name: 'customer', type: 'reference', target: 'customer', required: true },
          { key: 'plan', name: 'plan', type: 'reference', target: 'product' },
          { key: 'addons', name: 'addOns', type: 'manyToMany', target: 'product' },
          { key: 'status', name: 'status', type: 'picklist', default: 'active', options: [{ value: 'active' }, { value: 'suspended' }, { value: 'terminated' }] },
        ],
      },
    ],
  };
}

export type CrmFixture = ReturnType<typeof crmFixture>;
