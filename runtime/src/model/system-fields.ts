import type { FieldDocument } from '../documents/entity.document.js';

/**
 * Fields every entity has, managed by the platform: identity, audit stamps,
 * ownership and org-unit scope (filled by the permissions issue), the version
 * used for optimistic locking, and the soft-delete marker.
 */
export const SYSTEM_FIELD_DOCUMENTS: readonly FieldDocument[] = [
  { key: 'id', name: 'id', type: 'uuid', label: { en: 'ID', 'zh-CN': '标识' }, required: true },
  { key: 'created_at', name: 'createdAt', type: 'datetime', label: { en: 'Created at', 'zh-CN': '创建时间' }, required: true },
  { key: 'updated_at', name: 'updatedAt', type: 'datetime', label: { en: 'Updated at', 'zh-CN': '更新时间' }, required: true },
  { key: 'created_by', name: 'createdBy', type: 'uuid', label: { en: 'Created by', 'zh-CN': '创建人' } },
  { key: 'updated_by', name: 'updatedBy', type: 'uuid', label: { en: 'Updated by', 'zh-CN': '更新人' } },
  { key: 'owner_id', name: 'ownerId', type: 'uuid', label: { en: 'Owner', 'zh-CN': '负责人' }, indexed: true },
  { key: 'org_unit_id', name: 'orgUnitId', type: 'uuid', label: { en: 'Org unit', 'zh-CN': '组织单元' }, indexed: true },
  { key: 'version', name: 'version', type: 'integer', label: { en: 'Version', 'zh-CN': '版本' }, required: true },
  { key: 'deleted_at', name: 'deletedAt', type: 'datetime', label: { en: 'Deleted at', 'zh-CN': '删除时间' } },
];

export const SYSTEM_FIELD_NAMES: ReadonlySet<string> = new Set(SYSTEM_FIELD_DOCUMENTS.map((f) => f.name));
export const SYSTEM_FIELD_KEYS: ReadonlySet<string> = new Set(SYSTEM_FIELD_DOCUMENTS.map((f) => f.key));
