import { autonumberFieldType } from './autonumber.field-type.js';
import { booleanFieldType } from './boolean.field-type.js';
import { dateFieldType } from './date.field-type.js';
import { datetimeFieldType } from './datetime.field-type.js';
import { decimalFieldType } from './decimal.field-type.js';
import { emailFieldType } from './email.field-type.js';
import type { AnyFieldType } from './field-type.js';
import { FieldTypeRegistry } from './field-type-registry.js';
import { formulaFieldType } from './formula.field-type.js';
import { integerFieldType } from './integer.field-type.js';
import { jsonFieldType } from './json.field-type.js';
import { longTextFieldType } from './long-text.field-type.js';
import { manyToManyFieldType } from './many-to-many.field-type.js';
import { moneyFieldType } from './money.field-type.js';
import { multiPicklistFieldType } from './multi-picklist.field-type.js';
import { oneToManyFieldType } from './one-to-many.field-type.js';
import { phoneFieldType } from './phone.field-type.js';
import { picklistFieldType } from './picklist.field-type.js';
import { referenceFieldType } from './reference.field-type.js';
import { textFieldType } from './text.field-type.js';
import { uuidFieldType } from './uuid.field-type.js';

/** The field types every Lattice installation has, in the order the designer lists them. */
export function builtinFieldTypes(): AnyFieldType[] {
  return [
    textFieldType,
    longTextFieldType,
    integerFieldType,
    decimalFieldType,
    moneyFieldType,
    booleanFieldType,
    dateFieldType,
    datetimeFieldType,
    picklistFieldType,
    multiPicklistFieldType,
    emailFieldType,
    phoneFieldType,
    referenceFieldType,
    oneToManyFieldType,
    manyToManyFieldType,
    jsonFieldType,
    autonumberFieldType,
    formulaFieldType,
    uuidFieldType,
  ];
}

/** A new registry holding the built-in types; plugins register theirs into it afterwards. */
export function createBuiltinRegistry(): FieldTypeRegistry {
  return new FieldTypeRegistry(builtinFieldTypes());
}
