import { groupTariffsOf, type CompiledGroupTariff, type CompiledEntity, type GroupTariffSource } from '@lattice/runtime';
import { LatticeError } from '../errors/lattice-error.js';
import type { AccessParts } from '../records/access-parts.js';

/**
 * The approved tariffs of a group customer, for a quote. The caller must
 * be able to read the group customer (through the access point: else
 * NOT_FOUND, as the customer itself); the tariff records are then read by
 * the platform as the prices they are, so a member line is priced alike
 * whoever quotes it, and their negotiation (drafts, justification, who
 * approved) stays behind the records' own permissions. Only records in an
 * approved state are read; the newest valid one of an offering wins.
 */
export async function approvedGroupTariffs(parts: AccessParts, source: GroupTariffSource, customerEntity: string, groupCustomerId: string): Promise<CompiledGroupTariff[]> {
  const group = await parts.get(customerEntity, groupCustomerId);
  if (!group) throw LatticeError.recordNotFound(customerEntity, groupCustomerId);
  const entity = parts.model.entityByName(source.entity);
  if (!entity) return [];
  const names = [source.titleField, source.offering, source.component, source.price, source.approved.field, ...(source.validFrom ? [source.validFrom] : []), ...(source.validTo ? [source.validTo] : [])];
  const select = names.map((name) => `${columnOf(entity, name)}::text as "${name}"`).join(', ');
  const order = [source.validFrom ? `${columnOf(entity, source.validFrom)} desc nulls last` : null, `${columnOf(entity, 'createdAt')} desc`].filter(Boolean).join(', ');
  const rows = await parts.em.execute<Record<string, unknown>[]>(
    `select ${select} from "${entity.table}" where ${columnOf(entity, source.groupCustomer)} = ? and ${columnOf(entity, source.approved.field)} = any(?::text[]) and ${columnOf(entity, 'deletedAt')} is null order by ${order}`,
    [groupCustomerId, `{${source.approved.values.join(',')}}`],
  );
  return groupTariffsOf(rows, source);
}

function columnOf(entity: CompiledEntity, name: string): string {
  const column = entity.fieldByName(name)?.column;
  if (!column) throw new Error(`${entity.name}.${name} has no column`);
  return `"${column}"`;
}
