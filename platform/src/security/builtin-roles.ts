import type { PermissionDocumentInput } from './permission-document.js';

/** A role as the org document declares it (`org/org-document.ts`). */
interface RoleInput {
  readonly key: string;
  readonly label: string | Record<string, string>;
  readonly description?: string;
  readonly permissions: PermissionDocumentInput;
}

const ALL_FIELDS = { '*': 'write' } as const;

/**
 * The roles every installation starts with. They are ordinary, editable
 * roles: the platform only creates the ones that are missing. Row scopes are
 * set for every entity (`*`); operating roles grant no fields, because a
 * field is hidden until an admin grants it — the example package grants
 * each role its fields entity by entity.
 */
export const BUILTIN_ROLES: readonly RoleInput[] = [
  {
    key: 'platform_admin',
    label: { en: 'Platform admin', 'zh-CN': '平台管理员' },
    permissions: { entities: { '*': { read: 'all', create: 'all', update: 'all', delete: 'all', fields: ALL_FIELDS } }, capabilities: ['metadata.read', 'metadata.publish', 'layers.edit', 'org.manage', 'audit.read', 'access-log.read'] },
  },
  {
    key: 'hq_business_admin',
    label: { en: 'HQ business admin', 'zh-CN': '集团业务管理员' },
    permissions: { entities: { '*': { read: 'all', create: 'all', update: 'all', delete: 'all', fields: ALL_FIELDS } }, capabilities: ['metadata.read', 'metadata.publish', 'layers.edit', 'audit.read'] },
  },
  {
    key: 'regional_admin',
    label: { en: 'Regional admin', 'zh-CN': '区域管理员' },
    permissions: { entities: { '*': { read: 'subtree', create: 'subtree', update: 'subtree', delete: 'subtree', fields: ALL_FIELDS } }, capabilities: ['metadata.read', 'layers.edit', 'org.manage', 'audit.read', 'access-log.read'] },
  },
  { key: 'customer_manager', label: { en: 'Customer manager', 'zh-CN': '客户经理' }, permissions: { entities: { '*': { read: 'own', create: 'own', update: 'own' } } } },
  { key: 'supervisor', label: { en: 'Supervisor', 'zh-CN': '片区/部门经理' }, permissions: { entities: { '*': { read: 'subtree', create: 'subtree', update: 'subtree' } }, capabilities: ['audit.read', 'access-log.read'] } },
  { key: 'counter_operator', label: { en: 'Counter operator', 'zh-CN': '营业员' }, permissions: { entities: { '*': { read: 'unit', create: 'unit', update: 'unit' } } } },
  { key: 'call_centre_agent', label: { en: 'Call-centre agent', 'zh-CN': '客服代表' }, permissions: { entities: { '*': { read: 'unit', create: 'unit', update: 'unit' } } } },
  { key: 'back_office', label: { en: 'Back-office fulfilment', 'zh-CN': '后台支撑' }, permissions: { entities: { '*': { read: 'subtree', update: 'subtree' } } } },
  { key: 'marketing', label: { en: 'Marketing', 'zh-CN': '市场营销' }, permissions: { entities: { '*': { read: 'subtree' } } } },
  { key: 'analyst', label: { en: 'Analyst', 'zh-CN': '分析员' }, permissions: { entities: { '*': { read: 'all', fields: { '*': 'read' } } } } },
  { key: 'partner_user', label: { en: 'Partner user', 'zh-CN': '合作厅人员' }, permissions: { entities: { '*': { read: 'unit', create: 'unit', update: 'unit' } } } },
];
