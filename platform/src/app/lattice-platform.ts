import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Server } from 'node:http';
import type { Request, Response } from 'express';

import { EffectiveMetadataCache, registriesWith, type LatticePlugin } from '@lattice/runtime';
import { readPlatformConfig, type PlatformConfig, type PlatformConfigOverrides } from '../config/platform-config.js';
import { openDatabase, type Database } from '../database/database.js';
import { MODULE_TABLES } from './platform-tables.js';
import { createOrm, migratePlatformTables } from '../database/platform-orm.js';
import { underStartLock } from '../database/start-lock.js';
import { LiveApi } from '../serve/live-api.js';
import { CompiledReads } from '../sql-reads/compiled-reads.js';
import { StatementRunner } from '../sql-reads/statement-runner.js';
import { stringifyResult } from '../sql-reads/raw-json.js';
import { MetadataService } from '../publish/metadata-service.js';
import { createVersionNotifier } from '../notices/version-notifier.js';
import { formatGraphqlError } from '../errors/graphql-error-mapping.js';
import { graphqlExtensionsOf } from '../graphql/plugin-extensions.js';
import { recordSchemaBuilder } from '../graphql/build-record-schema.js';
import { assertGraphqlExtensionsFit } from '../graphql/check-plugin-graphql.js';
import { documentShapeRule, queryCostPlugin, queryDepthRule } from '../graphql/query-limits.js';
import { readRequestBody } from '../serve/request-body.js';
import { serveLeanRoute } from '../serve/lean-record-route.js';
import { atomicMutationsPlugin } from '../graphql/atomic-mutations.js';
import { RequestTransaction } from '../pipeline/request-transaction.js';
import { RecordAccess } from '../records/record-access.js';
import { SYSTEM_ACTOR, type Actor } from '../security/actor.js';
import { ActorGrants } from '../security/actor-grants.js';
import { AccessLogWriter } from '../sharing/access-log.js';
import { personalDataLog } from '../sharing/revealed-personal-data.js';
import { AUDIT_TRAIL } from '../audit/audit-log.js';
import { accessModules } from './access-modules.js';
import { QuoteSeal, sealedQuotesModule } from '../tariffs/quote-seal.js';
import { RecordHookRegistry } from '../pipeline/record-hook-registry.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OrgService } from '../org/org-service.js';
import type { RecordContext } from '../graphql/record-context.js';
import type { ServedVersion } from '../serve/served-version.js';
import { buildAdminSchema, type AdminContext } from '../admin/admin-schema.js';
import { AuthService, type AuthenticatedUser } from '../auth/auth-service.js';
import { assertAdminPasswordAcceptable, bootstrapAdmin, type BootstrapAdmin } from '../auth/bootstrap-admin.js';
import { mountAuth } from '../auth/mount-auth.js';
import type { AuthKeys } from '../auth/auth-keys.js';
import { authenticateRequests, authenticatedUserOf } from '../auth/authenticate-requests.middleware.js';
import { HealthController } from './health.controller.js';
import { NodeStatus } from './node-status.js';
import { trackRequests, type RequestTracker } from './request-tracker.js';
import { assertPortFree } from './assert-port-free.js';
import { serveConsole } from './serve-console.js';
import { NodeRegistry } from '../notices/node-registry.js';
import { VersionWatch } from '../notices/version-watch.js';
import { CalendarStore } from '../calendars/calendar-store.js';
import { calendarAdminPart } from '../calendars/calendar-admin-schema.js';
import { TimerEngine } from '../timers/timer-engine.js';
import { TimerHandlerRegistry } from '../timers/timer-handler-registry.js';
import { registerSlaTimerHandlers } from '../sla/sla-timer-handlers.js';
import { WRITE_STEPS } from '../pipeline/write-pipeline.js';
import { createWorkflowModule, type WorkflowModule } from '../workflows/workflow-module.js';
import { attachTimeLimits } from '../sla/attach-time-limits.js';
import { executorOfEm } from '../timers/executor-of-em.js';

export interface LatticePlatform {
  readonly config: PlatformConfig;
  readonly database: Database;
  readonly metadata: MetadataService;
  readonly live: LiveApi;
  /** Query operations answered by one SQL statement (`sql-reads/`): the switch and what each path answered. */
  readonly compiledReads: CompiledReads;
  readonly org: OrgService;
  /** Sign-in, sessions, passwords; `auth.authenticate(header)` verifies a request. */
  readonly auth: AuthService;
  /** The `admin` user this start created on an empty database (with its password when generated). */
  readonly bootstrapAdmin?: BootstrapAdmin;
  /** Base URL, e.g. http://127.0.0.1:4000 */
  readonly url: string;
  /** This node's id (in `lattice_node`, and its notification connection's `application_name`). */
  readonly nodeId: string;
  /** What `/health` reports. */
  readonly status: NodeStatus;
  /** Whether the built console (the designer package's app) is served at `/`. */
  readonly servesConsole: boolean;
  /** Reports the node ready (`/health` ok), for a start that said `awaitsReady`. */
  markReady(): void;
  /**
   * Stops gracefully: `/health` says `draining`, no new connection is
   * accepted, requests in flight get `timeoutMs` (default: the shutdown
   * timeout) to finish, then everything closes as `close()` does.
   */
  drain(timeoutMs?: number): Promise<void>;
  /** Business calendars per org unit. */
  readonly calendars: CalendarStore;
  /** Timers: scheduled in a caller's transaction, fired once by whichever node gets there first. */
  readonly timers: TimerEngine;
  /** An access point outside any HTTP request (CLI, seeds, tests), on the current version. */
  access(): RecordAccess;
  /** An access point acting as a user (by login), with their permissions, on the current version. */
  accessAs(login: string): Promise<RecordAccess>;
  /** Workflows: the state events timers listen to (`events.onEnter/onExit`), `escalate`, the outbox, work queues. */
  readonly workflows: WorkflowModule;
  close(): Promise<void>;
}

/**
 * Starts a platform node: database, platform tables, the served metadata
 * version, and HTTP (Nest + Express) with the record API at /graphql and the
 * admin API at /admin/graphql (both for signed-in callers), and sign-in at /auth/.
 */
/** Code a deployment adds to the platform: plugins (their rule operators join the built-in ones, their record hooks every write). */
export interface PlatformExtensions {
  readonly plugins?: readonly LatticePlugin[];
  /** The caller loads more before the node can serve (a first start's example): `/health` says `starting` until `markReady()`. */
  readonly awaitsReady?: boolean;
}

export async function startPlatform(overrides: PlatformConfigOverrides = {}, extensions: PlatformExtensions = {}): Promise<LatticePlatform> {
  const config = readPlatformConfig(process.env, overrides);
  const { operations } = config;
  // Before anything opens: a plugin that clashes with another (or a built-in) stops the start, with both named; so does a port in use.
  // The one field type registry (built-ins plus the plugins') is what compiling, storing, serving and validating all use.
  const { fieldTypes: registry, compileOptions } = registriesWith(extensions.plugins ?? []);
  const graphqlExtensions = graphqlExtensionsOf(extensions.plugins ?? []);
  assertGraphqlExtensionsFit(graphqlExtensions, registry, compileOptions);
  // The seal takes the node's key when it first seals or checks (the keys load with sign-in, below).
  const loaded: { keys?: AuthKeys } = {};
  const quoteSeal = new QuoteSeal(() => {
    if (!loaded.keys) throw new Error('The quote seal was used before the node loaded its keys');
    return loaded.keys.quoteSeal;
  });
  // First-party modules register their hooks as plugins do, ahead of the deployment's plugins.
  const hooks = RecordHookRegistry.of([sealedQuotesModule(quoteSeal), ...(extensions.plugins ?? [])]);
  if (config.port !== 0) await assertPortFree(config.host, config.port);
  assertAdminPasswordAcceptable(config.auth);
  const database = await openDatabase(config, MODULE_TABLES);
  const platformOrm = await createOrm(database);
  const live = new LiveApi();
  const nodeId = randomUUID();
  // Nodes started at once on a fresh server prepare the database one at a time: the first migrates and seeds, the others find it done.
  const { notifier, auth, firstAdmin, org } = await underStartLock(database, async () => {
    await migratePlatformTables(platformOrm);
    const notifier = await createVersionNotifier(database, { nodeId, reconnectMs: operations.notifyReconnectMs });
    const auth = await AuthService.create(platformOrm, config.auth, notifier);
    loaded.keys = auth.keys;
    const firstAdmin = await bootstrapAdmin(platformOrm, auth, config.auth);
    const org = new OrgService(platformOrm, { setInitialPassword: (userId, password) => auth.setPassword(userId, password), model: () => (live.version >= 0 ? live.current.model : undefined), notifier });
    await org.start();
    return { notifier, auth, firstAdmin, org };
  });
  const status = new NodeStatus(() => notifier.listening);
  // The embedded Postgres is one session: ending an idle transaction there would end every connection.
  const publishWaits = { ddlLockTimeoutMs: operations.ddlLockTimeoutMs, publishIdleTimeoutMs: database.embedded ? 0 : operations.publishIdleTimeoutMs, graceMs: operations.dropGraceMs, nodeTimeoutMs: operations.nodeTimeoutMs };
  const metadata = new MetadataService(database, platformOrm, registry, live, notifier, () => org.directory, compileOptions, publishWaits, recordSchemaBuilder(graphqlExtensions));
  await metadata.start();
  const watch = new VersionWatch(metadata, live, new NodeRegistry(database.pool, nodeId), operations.versionCheckMs);
  await watch.check();
  watch.start();
  // Back from a break in the notifications: catch up on the versions and organisation changes announced meanwhile.
  notifier.onReconnected(() => void Promise.all([watch.check(), org.refresh()]).catch((error: Error) => console.warn(`lattice: catching up after reconnecting failed: ${error.message}`)));

  const calendars = new CalendarStore(database.pool);
  // Timers fire in a transaction of the platform's ORM, so a handler can hand it on (a breach escalates through the workflow module).
  const timerHandlers = new TimerHandlerRegistry();
  const timers = new TimerEngine(database, timerHandlers, config.timers, { transaction: (work) => (platformOrm.em.fork() as EntityManager).transactional((em) => work(executorOfEm(em as EntityManager), em as EntityManager)) });

  const layerCache = new EffectiveMetadataCache(registry);
  const logHookFailure = (message: string, error: unknown) => console.error(`[lattice] ${message}:`, error);
  const accessLog = new AccessLogWriter(() => platformOrm.em.fork() as EntityManager, { intervalMs: config.accessLogFlushMs, maxEntries: 500 });
  // Workflows plug their steps into the one write pipeline (a transition is an update with its intent).
  const workflows = createWorkflowModule({ em: () => platformOrm.em.fork() as EntityManager, directory: () => org.directory, compileOptions, plugins: extensions.plugins ?? [], outbox: { intervalMs: config.outboxIntervalMs, maxAttempts: config.outboxMaxAttempts }, log: logHookFailure });
  const writeSteps = workflows.steps(WRITE_STEPS);
  registerSlaTimerHandlers(timerHandlers, { directory: () => org.directory, calendars, escalate: workflows.escalate, rules: { model: () => (live.version >= 0 ? live.current.model : undefined), ...(compileOptions.operators ? { operators: compileOptions.operators } : {}) } });
  attachTimeLimits(workflows.events, timers, calendars, () => org.directory);
  await timers.start();
  const parts = accessModules({ seal: quoteSeal, timeZone: config.timeZone, accessLog, sharesChanged: (userId) => org.sharesChanged(userId) });
  const readLog = personalDataLog(accessLog);
  const accessOn = (version: ServedVersion, actor: Actor = SYSTEM_ACTOR, requestTransaction?: RequestTransaction) => new RecordAccess(version, actor, { maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize, filterLimits: config, maxBatchInputs: config.maxBatchInputs, directory: org.directory, layerCache, readLog, auditTrail: AUDIT_TRAIL, parts, writeChannel: config.writeChannel, hooks, hookTimeoutMs: config.hookTimeoutMs, logHookFailure, writeSteps }, requestTransaction);
  const { app, requests } = await createHttpApp(live, status);
  // Before Apollo starts: it asks the gateway for its executor once.
  const compiledReads = new CompiledReads((schema) => live.versionOf(schema), new StatementRunner(database.pool, !database.embedded), config.compiledReads);
  live.useExecutor(compiledReads.executor);
  const signIn = await mountAuth(app, auth);
  // A signed-in user acts with the grants of their current positions (none: they can sign in, and do nothing else).
  const actorFor = async (user: AuthenticatedUser) => (await org.actorFor(user.userId)) ?? { id: user.userId, name: user.login, grants: ActorGrants.of([]) };
  const { records, admin } = await mountGraphql(app, live, buildAdminSchema(metadata, org, platformOrm, registry, { accessFor: (actor) => accessOn(live.current, actor), timeZone: config.timeZone }, [calendarAdminPart(calendars, org)]), config, accessOn, auth, actorFor, workflows, requests);
  workflows.outbox.start();
  // Last: the console's page fallback only answers what no API did.
  const servesConsole = serveConsole(app);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  if (!extensions.awaitsReady) status.markReady();
  let closing: Promise<void> | undefined;
  const close = async () => {
    await app.close();
    await workflows.outbox.stop();
    await records.stop();
    await admin.stop();
    await signIn.stop();
    await accessLog.flush();
    await timers.stop();
    await watch.stop();
    await notifier.close();
    await database.close();
  };

  return {
    config,
    database,
    metadata,
    live,
    compiledReads,
    org,
    auth,
    ...(firstAdmin ? { bootstrapAdmin: firstAdmin } : {}),
    url: `http://${config.host}:${port}`,
    nodeId,
    status,
    servesConsole,
    calendars,
    timers,
    markReady: () => status.markReady(),
    drain: (timeoutMs = operations.shutdownTimeoutMs) =>
      (closing ??= (async () => {
        status.markDraining();
        await requests.drain(app.getHttpServer(), timeoutMs);
        await close();
      })()),
    access: () => accessOn(live.current),
    accessAs: async (login: string) => {
      const actor = await org.actorByLogin(login);
      if (!actor) throw new Error(`No active user "${login}"`);
      return accessOn(live.current, actor);
    },
    workflows,
    close: () => (closing ??= close()),
  };
}

async function createHttpApp(live: LiveApi, status: NodeStatus): Promise<{ app: INestApplication; requests: RequestTracker }> {
  @Module({ controllers: [HealthController] })
  class LatticeModule {
    static register(): DynamicModule {
      return { module: LatticeModule, providers: [{ provide: LiveApi, useValue: live }, { provide: NodeStatus, useValue: status }], global: true };
    }
  }
  const app = await NestFactory.create<NestExpressApplication>(LatticeModule.register(), { logger: ['error', 'warn'], bodyParser: false });
  // API answers are never cached by HTTP (each depends on the caller and the data): hashing every body for an ETag is wasted work.
  app.set('etag', false);
  app.disable('x-powered-by');
  // First of all middleware: counts requests in flight, for draining.
  const requests = trackRequests(() => status.draining);
  app.use(requests.middleware);
  return { app, requests };
}

async function mountGraphql(app: INestApplication, live: LiveApi, adminSchema: GraphQLSchema, config: PlatformConfig, accessOn: (v: ServedVersion, actor: Actor, requestTransaction: RequestTransaction) => RecordAccess, auth: AuthService, actorFor: (user: AuthenticatedUser) => Promise<Actor>, workflows: WorkflowModule, requests: RequestTracker) {
  // HTTP cache hints and Apollo's tracing/reporting walk every resolved field and serve nothing here.
  const lean = [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginUsageReportingDisabled()];
  // Apollo's own SIGINT/SIGTERM handlers (on outside NODE_ENV=test) would stop it and kill the process before the node drains.
  // The compiled reads' records go out as the text Postgres wrote (`sql-reads/raw-json.ts`).
  const records = new ApolloServer<RecordContext>({ gateway: live, stringifyResult, formatError: formatGraphqlError, validationRules: [queryDepthRule(config.maxQueryDepth), documentShapeRule(config)], plugins: [queryCostPlugin(config.maxQueryCost, config.defaultPageSize), atomicMutationsPlugin(), ...lean], includeStacktraceInErrorResponses: false, stopOnTerminationSignals: false });
  const admin = new ApolloServer<AdminContext>({ schema: adminSchema, formatError: formatGraphqlError, validationRules: [documentShapeRule(config)], includeStacktraceInErrorResponses: false, stopOnTerminationSignals: false });
  await records.start();
  await admin.start();
  const json = readRequestBody(config);
  // Authentication runs before the body is parsed: an unauthenticated caller's body is never read.
  const authenticate = authenticateRequests(auth);
  const recordContext = async (user: AuthenticatedUser): Promise<RecordContext> => {
    const byVersion = new Map<number, RecordAccess>();
    const actor = await actorFor(user);
    const requestTransaction = new RequestTransaction();
    return {
      user,
      requestTransaction,
      workflows,
      accessFor: (version: ServedVersion) => {
        let access = byVersion.get(version.version);
        if (!access) byVersion.set(version.version, (access = accessOn(version, actor, requestTransaction)));
        return access;
      },
    };
  };
  // A JSON POST to the record API skips Nest and Express (their per-request cost is the larger part of a read by id's); the rest goes through them.
  serveLeanRoute(app.getHttpServer() as Server, { path: '/graphql', apollo: records, limits: config, track: (req, res) => requests.middleware(req as Request, res as Response, () => undefined), authenticate: (header) => auth.authenticate(header), context: recordContext });
  app.use('/graphql', authenticate, ...json, expressMiddleware(records, { context: ({ req }) => recordContext(authenticatedUserOf(req)) }));
  app.use('/admin/graphql', authenticate, ...json, expressMiddleware(admin, {
    context: async ({ req }) => {
      const user = authenticatedUserOf(req);
      return { actor: await actorFor(user), user };
    },
  }));
  return { records, admin };
}

