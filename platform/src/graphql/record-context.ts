import type { RecordAccess } from '../records/record-access.js';
import type { ServedVersion } from '../serve/served-version.js';
import type { RequestTransaction } from '../pipeline/request-transaction.js';
import type { WorkflowModule } from '../workflows/workflow-module.js';

/** Who signed the request in, as sign-in (`auth/`) hands them over; the API imports nothing of sign-in. */
export interface RequestUser {
  readonly userId: string;
  readonly login: string;
  readonly displayName: string;
}

/** Per-request GraphQL context: the signed-in user, and the access point for the version this request runs on. */
export interface RecordContext {
  readonly user: RequestUser;
  accessFor(version: ServedVersion): RecordAccess;
  /** Opened for a request of several mutations: their writes commit together or not at all. */
  readonly requestTransaction: RequestTransaction;
  /** The node's workflow module (record states, transitions, work queues). */
  readonly workflows?: WorkflowModule;
}
