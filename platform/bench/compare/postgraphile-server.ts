/**
 * PostGraphile 5 on the same tables, in a process of its own (as the
 * platform's node is one): the amber preset, the public schema, GraphiQL off.
 * Started by `startPostgraphile` with the database's connection string; it
 * answers with the port it listens on.
 */
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { jsonPgSmartTags } from 'postgraphile/utils';

const connectionString = process.env['POSTGRAPHILE_DATABASE_URL'];
const poolSize = Number(process.env['POSTGRAPHILE_POOL_SIZE'] ?? 10);
if (!connectionString) throw new Error('POSTGRAPHILE_DATABASE_URL is not set');

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  // Plain ids (no global Node ids), every column filterable and sortable (not only indexed ones, as the
  // reads filter and sort by what Lattice's metadata chose), and `subscription` named apart from GraphQL's root type.
  disablePlugins: ['NodePlugin', 'PgIndexBehaviorsPlugin'],
  plugins: [jsonPgSmartTags({ version: 1, config: { class: { subscription: { tags: { name: 'service_line' } } } } })],
  pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: poolSize } })],
  grafserv: { graphiql: false, watch: false },
};
const instance = postgraphile(preset);
const serv = instance.createServ(grafserv);
const server = createServer();
serv.addTo(server).then(
  () =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
    }),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
process.on('disconnect', () => {
  server.close();
  void Promise.resolve(instance.release()).finally(() => process.exit(0));
});
