import { SchemaComparator, type DatabaseSchema } from '@mikro-orm/postgresql';

type SchemaDifference = ReturnType<SchemaComparator['compare']>;

/**
 * MikroORM's comparator guesses renames from look-alike columns and indexes.
 * Lattice knows its renames from stable keys and applies them before the
 * comparison, so a guess could only turn a real drop-and-add into a silent
 * rename of the wrong data: every guessed rename is turned back into the
 * drop and the add it stood for.
 */
export function compareWithoutGuessedRenames(comparator: SchemaComparator, from: DatabaseSchema, to: DatabaseSchema): SchemaDifference {
  const diff = comparator.compare(from, to);
  for (const table of Object.values(diff.changedTables)) {
    for (const [oldName, column] of Object.entries(table.renamedColumns)) {
      const removed = table.fromTable.getColumn(oldName);
      if (removed) table.removedColumns[oldName] = removed;
      table.addedColumns[column.name] = column;
      delete table.renamedColumns[oldName];
    }
    for (const [oldName, index] of Object.entries(table.renamedIndexes)) {
      const removed = table.fromTable.getIndexes().find((i) => i.keyName === oldName);
      if (removed) table.removedIndexes[oldName] = removed;
      table.addedIndexes[index.keyName] = index;
      delete table.renamedIndexes[oldName];
    }
  }
  return diff;
}
