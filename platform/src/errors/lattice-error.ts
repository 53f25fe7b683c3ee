import type { Problem } from '@lattice/runtime';

/** The closed set of codes clients see. Nothing else ever reaches them. */
export type PublicErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'PLAN_STALE'
  | 'CONFIRMATION_REQUIRED'
  | 'LIMIT_EXCEEDED'
  | 'INTERNAL';

export interface LatticeErrorDetails {
  /** Each problem with its path: a field name for records, a document path for metadata. */
  readonly problems?: readonly Problem[];
  readonly [key: string]: unknown;
}

/**
 * The platform's one error family. Made by factories named after the
 * situation, mapped to GraphQL errors at one boundary (`graphql-error-mapping.ts`).
 */
export class LatticeError extends Error {
  override readonly name = 'LatticeError';

  private constructor(
    readonly code: PublicErrorCode,
    message: string,
    readonly details: LatticeErrorDetails = {},
  ) {
    super(message);
  }

  static invalidRecord(entity: string, problems: readonly Problem[], details: Record<string, unknown> = {}): LatticeError {
    const first = problems[0];
    const summary = problems.length === 1 && first ? first.message : `${problems.length} problems: ${problems.map((p) => p.message).join('; ')}`;
    return new LatticeError('VALIDATION', `Invalid ${entity}: ${summary}`, { ...details, problems });
  }

  static invalidMetadata(problems: readonly Problem[]): LatticeError {
    return new LatticeError('VALIDATION', `The metadata has ${problems.length} problem(s): ${problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`, { problems });
  }

  /** A filter (of a list, a view or a sharing rule) the condition language refuses: every problem at its path. */
  static invalidFilter(problems: readonly Problem[]): LatticeError {
    const first = problems[0];
    const summary = problems.length === 1 && first ? first.message : `${problems.length} problems: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
    return new LatticeError('VALIDATION', summary, { problems });
  }

  static invalidInput(path: string, message: string, hint?: string): LatticeError {
    return new LatticeError('VALIDATION', message, { problems: [{ code: 'input.invalid', path, message, ...(hint ? { hint } : {}) }] });
  }

  static recordNotFound(entity: string, id: string): LatticeError {
    return new LatticeError('NOT_FOUND', `${entity} ${id} does not exist`, { entity, id });
  }

  static notFound(what: string): LatticeError {
    return new LatticeError('NOT_FOUND', `${what} does not exist`);
  }

  static operationForbidden(entity: string, operation: string): LatticeError {
    return new LatticeError('FORBIDDEN', `Your roles do not allow you to ${operation} ${entity} records`, { entity, operation });
  }

  /** A workflow transition the actor may not fire (not their role, outside its scope, not their assignment). */
  static transitionForbidden(entity: string, transition: string, why: string): LatticeError {
    const message = `You may not fire "${transition}" on this ${entity}: ${why}`;
    return new LatticeError('FORBIDDEN', message, { entity, transition, problems: [{ code: 'workflow.not-allowed', path: 'transition', message }] });
  }

  /** An approval decision (or recall) that is not the actor's to make. */
  static approvalForbidden(entity: string, action: string, why: string): LatticeError {
    const message = `You may not ${action} this ${entity}'s approval: ${why}`;
    return new LatticeError('FORBIDDEN', message, { entity, problems: [{ code: 'approval.not-yours', path: 'id', message }] });
  }

  static fieldHidden(entity: string, field: string, path: string, use: 'read' | 'filter by' | 'sort by'): LatticeError {
    const message = `Your roles do not allow you to ${use} ${entity}.${field}`;
    return new LatticeError('FORBIDDEN', message, { problems: [{ code: 'permission.field-hidden', path, message, hint: 'Ask an administrator to grant the field to your role' }] });
  }

  static fieldReadOnly(entity: string, field: string, path: string): LatticeError {
    const message = `Your roles allow you to read ${entity}.${field} but not to change it`;
    return new LatticeError('FORBIDDEN', message, { problems: [{ code: 'permission.field-read-only', path, message }] });
  }

  static recordReadOnly(entity: string, id: string, operation: string): LatticeError {
    return new LatticeError('FORBIDDEN', `You may see ${entity} ${id} but your roles do not allow you to ${operation} it`, { entity, id, operation });
  }

  static outsideScope(entity: string, path: string, message: string): LatticeError {
    return new LatticeError('FORBIDDEN', message, { problems: [{ code: 'permission.outside-scope', path, message }], entity });
  }

  static layerEditForbidden(problems: readonly Problem[]): LatticeError {
    return new LatticeError('FORBIDDEN', `You may not make this layer change: ${problems.slice(0, 3).map((p) => p.message).join('; ')}`, { problems });
  }

  /** An org change that reaches outside what the actor manages, or gives or touches rights they do not hold. */
  static orgEditForbidden(problems: readonly Problem[]): LatticeError {
    return new LatticeError('FORBIDDEN', `You may not make this change to the organisation: ${problems.slice(0, 3).map((p) => p.message).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`, { problems });
  }

  /** A record the actor reaches only through a share (a serve-anywhere grant is one): shares are not passed on. */
  static reshareForbidden(entity: string, id: string): LatticeError {
    return new LatticeError('FORBIDDEN', `${entity} ${id} is shared with you, not yours to share: access from a share (or from serving a customer from anywhere) cannot be shared further; ask the unit that owns it`, { entity, id });
  }

  static capabilityMissing(capability: string): LatticeError {
    return new LatticeError('FORBIDDEN', `This needs the "${capability}" capability, which none of your roles has`, { capability });
  }

  /** A reference to a record that does not exist (or that the writer may not see: the same answer). */
  static danglingReference(entity: string, path: string, field: string): LatticeError {
    return LatticeError.invalidRecord(entity, [{ code: 'record.reference', path, message: `Field "${field}" points at a record that does not exist`, hint: 'Check the identifier, or remove the records that refer to this one first' }]);
  }

  static staleVersion(entity: string, id: string, given: number, current: number, changedFields: readonly string[]): LatticeError {
    const fields = changedFields.length ? `; changed since: ${changedFields.join(', ')}` : '';
    return new LatticeError('CONFLICT', `${entity} ${id} was changed by someone else (your version ${given}, current ${current})${fields}. Reload it and apply your change again.`, { entity, id, givenVersion: given, currentVersion: current, changedFields });
  }

  static conflict(message: string, details: LatticeErrorDetails = {}): LatticeError {
    return new LatticeError('CONFLICT', message, details);
  }

  /** `changedParts`: the parts of the plan that differ from the reviewed one (undefined: that plan was not made on this node). */
  static planStale(expected: string, actual: string, changedParts?: readonly string[]): LatticeError {
    const which = changedParts ? ` (changed: ${changedParts.join(', ') || 'nothing but the hash'})` : ' (the reviewed plan was not made on this node, so which parts changed is not known)';
    return new LatticeError('PLAN_STALE', `The plan no longer matches the live metadata or the draft${which}: plan again and review it before publishing`, { expectedHash: expected, actualHash: actual, ...(changedParts ? { changedParts } : {}) });
  }

  static planNotReviewed(missing: readonly string[]): LatticeError {
    const message = `Publishing needs the plan you reviewed: ${missing.join(' and ')} missing`;
    return new LatticeError('VALIDATION', message, {
      problems: missing.map((name) => ({ code: 'publish.plan-required', path: name, message: `${name} is required`, hint: 'Plan first, review it, then publish with its hash and fromVersion (as baseVersion)' })),
    });
  }

  static planBasedOnOlderVersion(baseVersion: number, liveVersion: number, publishedSince: readonly { version: number; publishedBy: string | null }[]): LatticeError {
    const since = publishedSince.map((v) => `${v.version}${v.publishedBy ? ` by ${v.publishedBy}` : ''}`).join(', ');
    return new LatticeError('PLAN_STALE', `The plan was made on version ${baseVersion}, but version ${liveVersion} is live (published since: ${since || liveVersion}): plan again on the live version and review what it would undo`, {
      baseVersion,
      liveVersion,
      publishedSince,
    });
  }

  static planBlocked(risks: readonly { id: string; message: string }[]): LatticeError {
    return new LatticeError('VALIDATION', `The plan cannot be published: ${risks.map((r) => r.message).join('; ')}`, { problems: risks.map((r) => ({ code: 'plan.blocked', path: r.id, message: r.message })) });
  }

  static publishFailed(index: number, statement: string, reason: string): LatticeError {
    return new LatticeError('VALIDATION', `Publishing stopped at statement ${index + 1} and changed nothing: ${reason}`, {
      problems: [{ code: 'publish.statement-failed', path: `ddl[${index}]`, message: `${statement} — ${reason}`, hint: 'Fix the data or the metadata, plan again and publish' }],
    });
  }

  /** A publish's DDL waited its lock timeout for a table another transaction holds: nothing changed, readers were not held up longer. */
  static tableBusy(table: string, path: string, lockTimeoutMs: number): LatticeError {
    return new LatticeError('CONFLICT', `Publishing changed nothing: table "${table}" is busy (another transaction held a lock on it for longer than ${lockTimeoutMs} ms). Try again once it has finished.`, {
      table,
      problems: [{ code: 'publish.table-busy', path, message: `Table "${table}" could not be locked within ${lockTimeoutMs} ms`, hint: 'Find the long transaction in pg_stat_activity, let it finish or end it, and publish again' }],
    });
  }

  static confirmationRequired(ids: readonly string[]): LatticeError {
    return new LatticeError('CONFIRMATION_REQUIRED', `Publishing this plan destroys or alters data; confirm: ${ids.join(', ')}`, { confirmationsRequired: ids });
  }

  static limitExceeded(what: string, limit: number, actual: number): LatticeError {
    return new LatticeError('LIMIT_EXCEEDED', `${what} is ${actual}, over the limit of ${limit}`, { limit, actual });
  }

  static tooManyAttempts(what: string, waitMinutes: number): LatticeError {
    return new LatticeError('LIMIT_EXCEEDED', `${what}; try again in up to ${waitMinutes} minutes or ask a supervisor`, { waitMinutes });
  }

  /** One message for an unknown login and a wrong password, so neither tells whether the login exists. */
  static invalidCredentials(): LatticeError {
    return new LatticeError('UNAUTHENTICATED', 'The login or the password is wrong');
  }

  static accountLocked(until: Date): LatticeError {
    return new LatticeError('LIMIT_EXCEEDED', `Too many failed sign-ins: this account is locked until ${until.toISOString()}`, { lockedUntil: until.toISOString() });
  }

  static accountDisabled(): LatticeError {
    return new LatticeError('UNAUTHENTICATED', 'This account is disabled: ask an administrator');
  }

  static passwordRejected(problems: readonly Problem[]): LatticeError {
    return new LatticeError('VALIDATION', `The new password is not acceptable: ${problems.map((p) => p.message).join('; ')}`, { problems });
  }

  static authenticationRequired(): LatticeError {
    return new LatticeError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <access token>" (signIn at /auth/graphql gives one)');
  }

  static accessTokenExpired(): LatticeError {
    return new LatticeError('UNAUTHENTICATED', 'The access token has expired: refresh the session (refreshSession at /auth/graphql) or sign in again', { reason: 'expired' });
  }

  static accessTokenInvalid(): LatticeError {
    return new LatticeError('UNAUTHENTICATED', 'The access token is not valid (malformed, or not signed by this platform)', { reason: 'invalid' });
  }

  static sessionEnded(): LatticeError {
    return new LatticeError('UNAUTHENTICATED', 'This session has ended (signed out, revoked, or the user is disabled): sign in again', { reason: 'revoked' });
  }

  static refreshTokenInvalid(): LatticeError {
    return new LatticeError('UNAUTHENTICATED', 'The refresh token is unknown, expired or revoked: sign in again', { reason: 'invalid' });
  }

  /** A rotated refresh token presented again: someone holds a copy, so the whole session is revoked. */
  static refreshTokenReused(): LatticeError {
    return new LatticeError('UNAUTHENTICATED', 'This refresh token was already used: the session is revoked for safety, sign in again', { reason: 'reused' });
  }

  static externalSignInFailed(reason: string): LatticeError {
    return new LatticeError('UNAUTHENTICATED', `Signing in with the identity provider failed: ${reason}`, { reason: 'oidc' });
  }

  static externalIdentityNotLinked(issuer: string): LatticeError {
    return new LatticeError('FORBIDDEN', `No Lattice user is linked to this identity at ${issuer}: ask an administrator to link it`);
  }

  static externalSignInNotConfigured(): LatticeError {
    return new LatticeError('NOT_FOUND', 'OpenID Connect sign-in is not configured (set LATTICE_OIDC_ISSUER, LATTICE_OIDC_CLIENT_ID and LATTICE_OIDC_REDIRECT_URI)');
  }

  /** A plugin's record hook threw or ran past its time limit: the write stored nothing. */
  static hookFailed(plugin: string, hook: string, message: string): LatticeError {
    return new LatticeError('INTERNAL', message, { plugin, hook });
  }

  static internal(reference: string): LatticeError {
    return new LatticeError('INTERNAL', `Internal error (reference ${reference}); the request changed nothing`, { reference });
  }
}
