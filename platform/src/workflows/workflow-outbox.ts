import type { EntityManager } from '@mikro-orm/postgresql';
import type { PluginWorkflowAction } from '@lattice/runtime';

interface OutboxRow {
  id: string;
  instanceId: string;
  kind: 'notify' | 'plugin';
  payload: Record<string, unknown>;
  attempts: number;
}

export interface OutboxOptions {
  /** How often pending deliveries are looked for (ms); 0: only when asked (`deliver()`). */
  readonly intervalMs: number;
  /** A delivery that failed this many times is left for an operator (its last error kept). */
  readonly maxAttempts: number;
}

/**
 * Delivers the side effects transitions put in the outbox, once their
 * transaction committed: in-app notifications become rows of
 * `lattice_notification`, plugin actions run. One row per transaction,
 * taken with `FOR UPDATE SKIP LOCKED`, so nodes deliver side by side and
 * never twice at once; a notification is unique per delivery and user, so
 * a retry after a crash stores it once. A rolled-back transition left no
 * row, so nothing is sent for it.
 */
export class WorkflowOutbox {
  #timer: ReturnType<typeof setInterval> | undefined;
  #running: Promise<number> | undefined;

  constructor(
    private readonly em: () => EntityManager,
    private readonly actions: ReadonlyMap<string, PluginWorkflowAction>,
    private readonly options: OutboxOptions,
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  start(): void {
    if (this.options.intervalMs > 0 && !this.#timer) this.#timer = setInterval(() => void this.deliver().catch((error: unknown) => this.log('delivering the workflow outbox failed', error)), this.options.intervalMs);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running?.catch(() => undefined);
  }

  /** Delivers what is pending now; answers how many were delivered. Calls made while one runs join it. */
  deliver(): Promise<number> {
    this.#running ??= this.#deliverAll().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #deliverAll(): Promise<number> {
    // An idle check is one indexed statement, no transaction: nodes poll this every few seconds.
    const pending = await this.em().execute<{ pending: boolean }[]>(`select exists (select 1 from lattice_workflow_outbox where delivered_at is null and attempts < ?) as pending`, [this.options.maxAttempts]);
    if (!pending[0]?.pending) return 0;
    let delivered = 0;
    for (;;) {
      const outcome = await this.#deliverOne();
      if (outcome === 'none') return delivered;
      if (outcome === 'delivered') delivered += 1;
    }
  }

  async #deliverOne(): Promise<'none' | 'delivered' | 'failed'> {
    const em = this.em();
    return em.transactional(async (tx) => {
      const rows = await tx.execute<OutboxRow[]>(`select id, instance_id as "instanceId", kind, payload, attempts from lattice_workflow_outbox where delivered_at is null and attempts < ? order by created_at, id limit 1 for update skip locked`, [this.options.maxAttempts]);
      const row = rows[0];
      if (!row) return 'none';
      try {
        await this.#deliverRow(tx as EntityManager, row);
        await tx.execute(`update lattice_workflow_outbox set delivered_at = ?, attempts = attempts + 1, last_error = null where id = ?`, [new Date(), row.id]);
        return 'delivered';
      } catch (error) {
        this.log(`workflow outbox delivery ${row.id} (${row.kind}) failed`, error);
        await tx.execute(`update lattice_workflow_outbox set attempts = attempts + 1, last_error = ? where id = ?`, [String((error as Error).message ?? error).slice(0, 1000), row.id]);
        return 'failed';
      }
    });
  }

  async #deliverRow(em: EntityManager, row: OutboxRow): Promise<void> {
    const payload = row.payload;
    if (row.kind === 'notify') {
      for (const user of (payload['users'] as string[]) ?? []) {
        await em.execute(`insert into lattice_notification (id, user_id, outbox_id, entity_key, record_id, message, created_at) values (gen_random_uuid(), ?, ?, ?, ?, ?, ?) on conflict (outbox_id, user_id) do nothing`, [user, row.id, payload['entity'], payload['recordId'], JSON.stringify(payload['message']), new Date()]);
      }
      return;
    }
    const action = this.actions.get(String(payload['action']));
    if (!action) throw new Error(`No plugin gives the workflow action "${String(payload['action'])}"`);
    await action.run({
      deliveryId: row.id,
      entity: String(payload['entity']),
      recordId: String(payload['recordId']),
      workflow: String(payload['workflow']),
      transition: (payload['transition'] as string | null) ?? null,
      from: (payload['from'] as string | null) ?? null,
      to: String(payload['to']),
      params: (payload['params'] as Record<string, unknown>) ?? {},
    });
  }
}
