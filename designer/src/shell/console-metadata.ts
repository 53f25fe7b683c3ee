/** What the shell reads once per sign-in: who the user is and the metadata their screens are generated from. */
export const CONSOLE_QUERY = /* GraphQL */ `
  query Console {
    viewer { id login displayName channel capabilities positions { unitId unitKey unitName unitPath role roleLabel primary } }
    effectiveMetadata
    workflowEntities
  }
`;

export interface ViewerPosition {
  unitId: string;
  unitKey: string;
  unitName: unknown;
  unitPath: string[];
  role: string;
  roleLabel: unknown;
  primary: boolean;
}

export interface Viewer {
  id: string;
  login: string;
  displayName: string;
  /** The channel the user's writes come through (`$user.channel` in form conditions). */
  channel?: string;
  positions: ViewerPosition[];
  /** What the user's positions let them do beyond records (`metadata.read`, `layers.edit`...): the console offers the designer by it. */
  capabilities?: string[];
}

export interface MetadataOption {
  value: string;
  label?: unknown;
}

export interface MetadataField {
  key: string;
  name: string;
  type: string;
  label?: unknown;
  options?: MetadataOption[];
  /** Relations: the key of the entity they point at (and a one-to-many's field on it). */
  target?: string;
  inverseOf?: string;
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  personalData?: boolean;
  description?: string;
}

export interface MetadataEntity {
  key: string;
  name: string;
  pluralName: string;
  label?: unknown;
  pluralLabel?: unknown;
  titleField?: string;
  fields: MetadataField[];
  indexes?: Array<{ key: string; fields: string[]; unique?: boolean }>;
}

export interface ConsoleData {
  viewer: Viewer;
  effectiveMetadata: { unit: string | null; entities: MetadataEntity[] };
  /** The entities whose records follow a workflow: their pages show its state. */
  workflowEntities?: string[];
}
