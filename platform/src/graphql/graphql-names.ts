import { lowerFirst, upperFirst, type CompiledEntity } from '@lattice/runtime';

/** Every generated GraphQL name, from one place. */
export const graphqlNames = {
  object: (e: CompiledEntity) => e.name,
  filter: (e: CompiledEntity) => `${e.name}Filter`,
  referenceFilter: (e: CompiledEntity) => `${e.name}ReferenceFilter`,
  listFilter: (e: CompiledEntity) => `${e.name}ListFilter`,
  orderField: (e: CompiledEntity) => `${e.name}OrderField`,
  orderBy: (e: CompiledEntity) => `${e.name}OrderBy`,
  connection: (e: CompiledEntity) => `${e.name}Connection`,
  edge: (e: CompiledEntity) => `${e.name}Edge`,
  createInput: (e: CompiledEntity) => `${e.name}CreateInput`,
  updateInput: (e: CompiledEntity) => `${e.name}UpdateInput`,
  getQuery: (e: CompiledEntity) => lowerFirst(e.name),
  listQuery: (e: CompiledEntity) => e.pluralName,
  create: (e: CompiledEntity) => `create${e.name}`,
  createMany: (e: CompiledEntity) => `create${upperFirst(e.pluralName)}`,
  update: (e: CompiledEntity) => `update${e.name}`,
  delete: (e: CompiledEntity) => `delete${e.name}`,
  restore: (e: CompiledEntity) => `restore${e.name}`,
  scalarFilter: (scalar: string, list: boolean) => `${scalar}${list ? 'List' : ''}Filter`,
};
