/**
 * The plugin API: the types a plugin is written against, and nothing else
 * (no code runs from this package). The definitions themselves live in
 * `@lattice/runtime`, which compiles and runs what plugins add; this
 * package re-exports them, so that there is one source and a plugin never
 * depends on the runtime's internals. Its version (package.json) is the
 * plugin API version a plugin declares in `apiVersion`.
 */
export type {
  // the plugin
  LatticePlugin,
  // GraphQL extensions
  PluginGraphql,
  PluginListArgs,
  PluginRecordPage,
  PluginRecords,
  PluginResolver,
  PluginResolverContext,
  // field types
  AnyFieldType,
  DecodeResult,
  FieldTypeContext,
  FieldTypeDefinition,
  FilterOperator,
  FormulaType,
  RelationKind,
  ScalarName,
  StorageKind,
  StorageSpec,
  // workflow actions, run after a transition commits
  PluginWorkflowAction,
  WorkflowActionContext,
  // record hooks at named steps of the write pipeline
  RecordHook,
  RecordHookContext,
  HookRecords,
  HookStep,
  WriteVerb,
  // computed facts and rule operators
  ComputedFact,
  FactReader,
  RuleOperator,
  RuleOperatorDecorator,
  ValueShape,
  // problems a field type's settings check returns
  Problem,
} from '@lattice/runtime';
