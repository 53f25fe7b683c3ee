import type pg from 'pg';

/**
 * The nodes serving this database, each with the version it serves and since
 * when (`lattice_node`): what deferred drops wait for. A node reports itself
 * on each periodic check and removes itself when it stops; one that stops
 * reporting is ignored after the node timeout.
 */
export class NodeRegistry {
  constructor(
    private readonly pool: pg.Pool,
    readonly nodeId: string,
  ) {}

  async report(version: number): Promise<void> {
    await this.pool.query(
      `insert into lattice_node (id, version, serving_since, seen_at, started_at) values ($1, $2, now(), now(), now())
       on conflict (id) do update set seen_at = now(), version = excluded.version,
         serving_since = case when lattice_node.version = excluded.version then lattice_node.serving_since else now() end`,
      [this.nodeId, version],
    );
  }

  async remove(): Promise<void> {
    await this.pool.query('delete from lattice_node where id = $1', [this.nodeId]);
  }
}
