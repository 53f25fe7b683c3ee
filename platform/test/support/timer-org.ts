/**
 * A small org for time limits: province → city → county → hall, heads on
 * the province and the city, a hall operator reporting to a supervisor, and
 * two duty officers in the city. Units, people and roles are illustrative.
 */
export const TIMER_ORG = {
  unitKinds: [{ key: 'province' }, { key: 'city' }, { key: 'county' }, { key: 'hall' }].map((k) => ({ ...k, label: { en: k.key } })),
  units: [
    { key: 'p1', name: { en: 'Province' }, kind: 'province', head: 'p1.head' },
    { key: 'p1_c1', name: { en: 'City' }, kind: 'city', parent: 'p1', head: 'c1.head' },
    { key: 'p1_c1_k1', name: { en: 'Rural county' }, kind: 'county', parent: 'p1_c1' },
    { key: 'p1_c1_k1_h1', name: { en: 'Hall' }, kind: 'hall', parent: 'p1_c1_k1' },
  ],
  roles: [
    { key: 'duty_officer', label: { en: 'Duty officer' }, permissions: { entities: {} } },
    { key: 'operator', label: { en: 'Operator' }, permissions: { entities: {} } },
    { key: 'calendar_admin', label: { en: 'Calendar admin' }, permissions: { entities: {}, capabilities: ['org.manage'] } },
  ],
  users: [
    { login: 'p1.head', displayName: 'Province head', password: 'Timer-test-2026-p1', positions: [{ unit: 'p1', role: 'operator' }] },
    { login: 'c1.head', displayName: 'City head', password: 'Timer-test-2026-c1', supervisor: 'p1.head', positions: [{ unit: 'p1_c1', role: 'operator' }] },
    { login: 'k1.supervisor', displayName: 'County supervisor', password: 'Timer-test-2026-ks', supervisor: 'c1.head', positions: [{ unit: 'p1_c1_k1', role: 'operator' }] },
    { login: 'h1.operator', displayName: 'Hall operator', password: 'Timer-test-2026-ho', supervisor: 'k1.supervisor', positions: [{ unit: 'p1_c1_k1_h1', role: 'operator' }] },
    { login: 'duty.a', displayName: 'Duty A', password: 'Timer-test-2026-da', positions: [{ unit: 'p1_c1', role: 'duty_officer' }] },
    { login: 'duty.b', displayName: 'Duty B', password: 'Timer-test-2026-db', positions: [{ unit: 'p1_c1', role: 'duty_officer' }] },
    { login: 'county.admin', displayName: 'County calendar admin', password: 'Timer-test-2026-ca', positions: [{ unit: 'p1_c1_k1', role: 'calendar_admin' }] },
  ],
};
