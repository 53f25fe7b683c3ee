import type { EntityManager } from '@mikro-orm/postgresql';
import { autonumberPeriod, formatAutonumber, type CompiledEntity } from '@lattice/runtime';

/**
 * Next value of each autonumber field of an entity. The counter row is
 * incremented inside the record's transaction: concurrent writers queue on
 * the row lock, and a rolled-back write rolls its number back too, so
 * numbers are gap-free per period.
 */
export async function nextAutonumbers(em: EntityManager, entity: CompiledEntity, at: Date): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const field of entity.fields) {
    if (!field.autonumber) continue;
    const period = autonumberPeriod(field.autonumber, at);
    const rows = await em.execute<{ value: string }[]>(
      `insert into lattice_sequence (scope, period, value) values (?, ?, 1)
       on conflict (scope, period) do update set value = lattice_sequence.value + 1
       returning value`,
      [`${entity.key}.${field.key}`, period],
    );
    values[field.name] = formatAutonumber(field.autonumber, at, Number(rows[0]?.value));
  }
  return values;
}
