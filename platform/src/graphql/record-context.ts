import type { RecordAccess } from '../records/record-access.js';
import type { ServedVersion } from '../serve/served-version.js';
import type { AuthenticatedUser } from '../auth/authenticated-user.js';
import type { RequestTransaction } from '../records/request-transaction.js';
import type { WorkflowModule } from '../workflows/workflow-module.js';

/** Per-request GraphQL context: the signed-in user, and the access point for the version this request runs on. */
export interface RecordContext {
  readonly user: AuthenticatedUser;
  accessFor(version: ServedVersion): RecordAccess;
  /** Opened for a request of several mutations: their writes commit together or not at all. */
  readonly requestTransaction: RequestTransaction;
  /** The node's workflow module (record states, transitions, work queues). */
  readonly workflows?: WorkflowModule;
}
