/**
 * Every path a layer problem or provenance entry names, built in one place
 * so that the fold, the edit check and conflict resolution agree on them.
 * Paths into a layer document start with `layers[<layer key>]`; paths of
 * elements of the effective set are those of the compile checks.
 */
export const layerPaths = {
  layer: (layer: string) => `layers[${layer}]`,
  entity: (layer: string, entity: string) => `layers[${layer}].entities[${entity}]`,
  field: (layer: string, entity: string, field: string) => `layers[${layer}].entities[${entity}].fields[${field}]`,
  addedField: (layer: string, entity: string, field: string) => `layers[${layer}].entities[${entity}].addFields[${field}]`,
  addedValidation: (layer: string, entity: string, rule: string) => `layers[${layer}].entities[${entity}].addValidations[${rule}]`,
  /** One property a layer sets, e.g. `layers[sichuan].entities[customer].fields[segment].set[label.zh-CN]`. */
  set: (overlay: string, property: string) => `${overlay}.set[${property}]`,
  mark: (overlay: string, kind: 'lock' | 'overridable', property: string) => `${overlay}.${kind}[${property}]`,
  /** An element of the effective set: `entities[customer]` or `entities[customer].fields[segment]`. */
  element: (entity: string, field?: string) => (field === undefined ? `entities[${entity}]` : `entities[${entity}].fields[${field}]`),
  validation: (entity: string, rule: string) => `entities[${entity}].validations[${rule}]`,
};
