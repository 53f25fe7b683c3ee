/**
 * One change between two compiled models, matched by stable keys. Plans are
 * built from these (DDL, risks, API changes) and shown to admins as they are.
 */
export type ModelChange =
  | { kind: 'entity.added'; entity: string; name: string }
  | { kind: 'entity.removed'; entity: string; name: string; table: string }
  | { kind: 'entity.renamed'; entity: string; from: string; to: string; fromTable: string; toTable: string }
  | { kind: 'field.added'; entity: string; field: string; name: string; type: string; required: boolean; hasDefault: boolean; column: string | null }
  | { kind: 'field.removed'; entity: string; field: string; name: string; column: string | null; joinTable?: string }
  /** A new name, or a new key (`fromKey`, from the field's `renamedFrom`): the same field, its data kept. */
  | { kind: 'field.renamed'; entity: string; field: string; fromKey?: string; from: string; to: string; fromColumn: string | null; toColumn: string | null; fromJoinTable?: string; toJoinTable?: string }
  | { kind: 'field.storage-changed'; entity: string; field: string; name: string; column: string; fromType: string; toType: string; from: StorageSummary; to: StorageSummary }
  | { kind: 'field.required-added'; entity: string; field: string; name: string; column: string; hasDefault: boolean }
  | { kind: 'field.unique-added'; entity: string; field: string; name: string; column: string }
  | { kind: 'field.changed'; entity: string; field: string; name: string; properties: string[] }
  | { kind: 'index.added'; entity: string; index: string; unique: boolean; columns: string[] }
  | { kind: 'index.removed'; entity: string; index: string }
  | { kind: 'index.changed'; entity: string; index: string; unique: boolean; columns: string[] };

export interface StorageSummary {
  kind: string;
  columnType: string;
}
