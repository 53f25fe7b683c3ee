/** What the shell reads once per sign-in: who the user is and the metadata their screens are generated from. */
export const CONSOLE_QUERY = /* GraphQL */ `
  query Console {
    viewer { id login displayName positions { unitId unitKey unitName unitPath role roleLabel primary } }
    effectiveMetadata
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
  positions: ViewerPosition[];
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
}

export interface MetadataEntity {
  key: string;
  name: string;
  pluralName: string;
  label?: unknown;
  pluralLabel?: unknown;
  titleField?: string;
  fields: MetadataField[];
}

export interface ConsoleData {
  viewer: Viewer;
  effectiveMetadata: { unit: string | null; entities: MetadataEntity[] };
}
