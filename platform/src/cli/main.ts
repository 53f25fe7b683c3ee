#!/usr/bin/env node
import { Command } from 'commander';
import { resolve } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { readMetadataFolder, writeMetadataFolder } from '../files/metadata-folder.js';
import { AdminClient, PLAN_FIELDS, type Credentials } from './admin-client.js';
import { formatPlan } from './format-plan.js';
import type { Plan } from '../plan/plan.js';
import type { MetadataSet } from '@lattice/runtime';

const program = new Command('lattice').description('Lattice platform: serve, and keep metadata as code').showHelpAfterError();
// The same address `lattice serve` listens on, unless LATTICE_URL names another platform.
const defaultUrl = process.env['LATTICE_URL'] ?? `http://127.0.0.1:${process.env['PORT'] ?? 4000}`;
const urlOption = ['--url <url>', 'URL of a running platform (default: LATTICE_URL, or this machine on PORT)', defaultUrl] as const;

interface ConnectionOptions {
  url: string;
  login?: string;
  password?: string;
}

/** The admin commands' connection: --url, and who signs in (--login/--password, or LATTICE_LOGIN/LATTICE_PASSWORD). */
function connected(command: Command): Command {
  return command
    .option(...urlOption)
    .option('--login <login>', 'sign in as (default: LATTICE_LOGIN)', process.env['LATTICE_LOGIN'])
    .option('--password <password>', 'password (default: LATTICE_PASSWORD; prefer the variable: arguments show in process lists)', process.env['LATTICE_PASSWORD']);
}

/** The version an exported folder was started from, kept beside its files, so a plan can say what it would undo of versions published since. */
const VERSION_FILE = '.lattice-version';

async function startedFromOf(dir: string): Promise<number | null> {
  const text = await readFile(join(resolve(dir), VERSION_FILE), 'utf8').catch(() => null);
  const version = text === null ? NaN : Number(text.trim());
  return Number.isInteger(version) ? version : null;
}

const PLAN_QUERY = `query($source: JSON, $startedFrom: Int) { plan(source: $source, startedFrom: $startedFrom) { ${PLAN_FIELDS} } }`;

function clientOf(options: ConnectionOptions): AdminClient {
  const credentials: Credentials | undefined = options.login && options.password !== undefined ? { login: options.login, password: options.password } : undefined;
  return new AdminClient(options.url, credentials);
}

program
  .command('serve')
  .description('Start the platform (embedded Postgres unless DATABASE_URL is set)')
  .option('--example <dir>', 'metadata package to publish and seed when nothing is published yet')
  .option('--customers <n>', 'customers to seed with the example', (v) => Number(v))
  .option('--scale <name>', "seed size by name: the example's default, bench (100k customers) or million")
  .option('--port <port>', 'HTTP port', (v) => Number(v))
  .option('--plugin <module>', 'a plugin to load (package name or path to its module); repeat for more', (v, all: string[]) => [...all, v], [] as string[])
  // The server's modules load only for the commands that run one: the admin commands stay quick to start.
  .action(async (options) => (await import('./serve-command.js')).serveCommand(options));

program
  .command('seed')
  .description("Load an example's generated data (stop a platform running on the embedded Postgres first)")
  .requiredOption('--example <dir>', 'metadata package with a seed generator')
  .option('--customers <n>', 'number of customers (about 3 subscriptions each)', (v) => Number(v))
  .option('--scale <name>', "seed size by name: the example's default, bench (100k customers) or million")
  .option('--plugin <module>', 'a plugin the published metadata needs (as given to serve); repeat for more', (v, all: string[]) => [...all, v], [] as string[])
  .action(async (options) => (await import('./seed-command.js')).seedCommand(options));

connected(program.command('export'))
  .description('Write the live metadata to YAML files, one per entity')
  .requiredOption('--out <dir>', 'folder to write <dir>/entities/*.yaml to')
  .action(async (options: ConnectionOptions & { out: string }) => {
    const data = await clientOf(options).request<{ liveMetadata: { version: number; source: MetadataSet } | null }>('{ liveMetadata { version source } }');
    if (!data.liveMetadata) throw new Error('Nothing is published yet');
    const files = await writeMetadataFolder(resolve(options.out), data.liveMetadata.source);
    await writeFile(join(resolve(options.out), VERSION_FILE), `${data.liveMetadata.version}\n`, 'utf8');
    console.log(`Exported version ${data.liveMetadata.version}: ${files.length} files in ${resolve(options.out)}`);
  });

connected(program.command('org-import <file>'))
  .description('Apply an org file (YAML or JSON: unit kinds, units, roles, sharing rules, users and positions)')
  .action(async (file: string, options: ConnectionOptions) => {
    const source = parse(await readFile(resolve(file), 'utf8')) as unknown;
    const { importOrg } = await clientOf(options).request<{ importOrg: Record<string, number> }>('mutation($s: JSON!) { importOrg(source: $s) { unitKinds units moved roles users positionsStarted positionsEnded } }', { s: source });
    console.log(`Imported ${importOrg['units']} units (${importOrg['moved']} moved), ${importOrg['roles']} roles, ${importOrg['users']} users; positions: ${importOrg['positionsStarted']} started, ${importOrg['positionsEnded']} ended.`);
  });

connected(program.command('plan <dir>'))
  .description('Show what publishing the metadata in <dir> would change')
  .action(async (dir: string, options: ConnectionOptions) => {
    const source = await readMetadataFolder(resolve(dir));
    const { plan } = await clientOf(options).request<{ plan: Plan }>(PLAN_QUERY, { source, startedFrom: await startedFromOf(dir) });
    console.log(formatPlan(plan));
  });

connected(program.command('apply <dir>'))
  .description('Plan and publish the metadata in <dir>')
  .option('--confirm <ids...>', 'data risks you accept (ids shown by plan)')
  .option('--comment <text>', 'note stored with the version')
  .action(async (dir: string, options: ConnectionOptions & { confirm?: string[]; comment?: string }) => {
    const client = clientOf(options);
    const source = await readMetadataFolder(resolve(dir));
    const startedFrom = await startedFromOf(dir);
    const { plan } = await client.request<{ plan: Plan }>(PLAN_QUERY, { source, startedFrom });
    console.log(formatPlan(plan));
    // The plan just shown is the one reviewed: publish refuses if anything changed since (PLAN_STALE).
    const { publish } = await client.request<{ publish: { version: number; unchanged: boolean } }>(
      'mutation($source: JSON, $planHash: String, $baseVersion: Int, $startedFrom: Int, $confirm: [String!], $comment: String) { publish(source: $source, planHash: $planHash, baseVersion: $baseVersion, startedFrom: $startedFrom, confirm: $confirm, comment: $comment) { version unchanged } }',
      { source, planHash: plan.hash, baseVersion: plan.fromVersion, startedFrom, confirm: options.confirm ?? [], comment: options.comment ?? null },
    );
    if (startedFrom !== null) await writeFile(join(resolve(dir), VERSION_FILE), `${publish.version}\n`, 'utf8');
    console.log(publish.unchanged ? `\nNothing to publish: version ${publish.version} already has this metadata.` : `\nPublished version ${publish.version}.`);
  });

connected(program.command('versions'))
  .description('List published metadata versions, newest first')
  .action(async (options: ConnectionOptions) => {
    const { versions } = await clientOf(options).request<{ versions: { version: number; publishedAt: string; publishedBy: string | null; comment: string | null; restoredFrom: number | null }[] }>(
      '{ versions { version publishedAt publishedBy comment restoredFrom } }',
    );
    for (const v of versions) console.log(`${v.version}\t${v.publishedAt}\t${v.publishedBy ?? ''}\t${v.restoredFrom ? `rollback to ${v.restoredFrom}` : (v.comment ?? '')}`);
  });

connected(program.command('rollback <version>'))
  .description('Publish an earlier version again (shows its plan first)')
  .option('--confirm <ids...>', 'data risks you accept (ids shown by the plan)')
  .action(async (version: string, options: ConnectionOptions & { confirm?: string[] }) => {
    const client = clientOf(options);
    const { planRollback } = await client.request<{ planRollback: Plan }>(`query($v: Int!) { planRollback(toVersion: $v) { ${PLAN_FIELDS} } }`, { v: Number(version) });
    console.log(formatPlan(planRollback));
    const { rollback } = await client.request<{ rollback: { version: number; unchanged: boolean } }>(
      'mutation($v: Int!, $planHash: String, $baseVersion: Int, $confirm: [String!]) { rollback(toVersion: $v, planHash: $planHash, baseVersion: $baseVersion, confirm: $confirm) { version unchanged } }',
      { v: Number(version), planHash: planRollback.hash, baseVersion: planRollback.fromVersion, confirm: options.confirm ?? [] },
    );
    console.log(rollback.unchanged ? `\nNothing to publish: version ${rollback.version} already has the metadata of version ${version}.` : `\nPublished version ${rollback.version} (the metadata of version ${version}).`);
  });

// One line saying what is wrong, and a non-zero exit at once: a start that fails may have left connections and timers open.
program.parseAsync().catch((error: unknown) => {
  const message = (error as Error).message;
  console.error(process.argv[2] === 'serve' ? `lattice serve: cannot start: ${message.split('\n')[0]}` : message);
  process.exit(1);
});
