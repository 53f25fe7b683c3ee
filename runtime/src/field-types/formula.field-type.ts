import { z } from 'zod';
import { defineFieldType } from './field-type.js';

const formulaSettingsSchema = z.strictObject({
  /** e.g. `monthlyFee * months - discount`; checked against the entity's fields by parseFormula. */
  expression: z.string().min(1),
});

export type FormulaSettings = z.output<typeof formulaSettingsSchema>;

/**
 * A value computed from other fields of the same record, stored as a
 * generated column. Its storage and scalar depend on the result type, which
 * only the compile step can infer (it sees the other fields): it calls
 * parseFormula, then storageForFormulaType / scalarForFormulaType
 * (formula/formula-storage.ts). `storage()` therefore returns null and
 * `scalar` is a placeholder. Formulas cannot use other formulas in this
 * version (formulaType null), so a generated column never reads another.
 */
export const formulaFieldType = defineFieldType<FormulaSettings>({
  name: 'formula',
  settings: formulaSettingsSchema,
  storage: () => null,
  scalar: 'String',
  filterOperators: ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'isNull'],
  sortable: true,
  readOnly: true,
  widget: 'formula',
  formulaType: null,
  decode: () => ({
    ok: false,
    message: 'a formula field is computed from its expression and cannot be written',
    hint: 'change the fields the formula reads instead',
  }),
  validate: () => null,
});
