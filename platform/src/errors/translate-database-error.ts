import type { CompiledEntity } from '@lattice/runtime';
import { LatticeError } from './lattice-error.js';

interface PgLikeError {
  code?: string;
  constraint?: string;
  column?: string;
  detail?: string;
}

/**
 * Database errors are translated once, here, to the field they concern.
 * Constraint names are generated from table and column (`storage/`), so the
 * field is found by the column the constraint names.
 */
export function translateDatabaseError(error: unknown, entity: CompiledEntity): LatticeError | undefined {
  const pg = (error ?? {}) as PgLikeError;
  const field = fieldOf(entity, pg);
  const path = field?.name ?? '';
  switch (pg.code) {
    case '23505': {
      const fields = entity.indexes.find((i) => i.name === pg.constraint)?.fieldKeys.map((k) => entity.fieldByKey(k)?.name ?? k);
      const what = fields && fields.length > 1 ? `The combination of ${fields.join(', ')}` : `"${path}"`;
      return LatticeError.invalidRecord(
        entity.name,
        [{ code: 'record.duplicate', path: fields?.[0] ?? path, message: `${what} must be unique; another ${entity.name} already has this value`, hint: 'Use a different value, or open the existing record' }],
        { duplicate: { fields: fields ?? [path], values: duplicateValues(pg.detail) } },
      );
    }
    case '23503':
      if (!/still referenced/.test(pg.detail ?? '')) return LatticeError.danglingReference(entity.name, path, path);
      return LatticeError.invalidRecord(entity.name, [{ code: 'record.reference', path, message: `This ${entity.name} is still referenced by other records`, hint: 'Check the identifier, or remove the records that refer to this one first' }]);
    case '23502':
      return LatticeError.invalidRecord(entity.name, [{ code: 'record.required', path, message: `Field "${path}" is required` }]);
    case '22001':
    case '22003':
      return LatticeError.invalidRecord(entity.name, [{ code: 'record.out-of-range', path, message: `A value is too long or out of range${path ? ` for "${path}"` : ''}` }]);
    case '40001':
    case '40P01':
      return LatticeError.conflict('The change collided with a concurrent change; try again');
    default:
      return undefined;
  }
}

/** `Key (id_type, id_number)=(passport, E1)` → `['passport', 'E1']`: which values collided, to find them in a batch. */
function duplicateValues(detail: string | undefined): string[] {
  const match = /\)=\((.*)\) already exists/.exec(detail ?? '');
  return match?.[1] ? match[1].split(', ') : [];
}

function fieldOf(entity: CompiledEntity, error: PgLikeError) {
  if (error.column) return entity.fields.find((f) => f.column === error.column);
  const constraint = error.constraint ?? '';
  return [...entity.fields].sort((a, b) => (b.column?.length ?? 0) - (a.column?.length ?? 0)).find((f) => f.column && constraint.includes(`_${f.column}_`));
}
