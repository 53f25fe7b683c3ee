import type { RecordAccess } from '../records/record-access.js';
import type { ServedVersion } from '../serve/served-version.js';

/** Per-request GraphQL context: the access point for the version this request runs on. */
export interface RecordContext {
  accessFor(version: ServedVersion): RecordAccess;
}
