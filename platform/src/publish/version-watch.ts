import type { MetadataService } from './metadata-service.js';
import type { NodeRegistry } from './node-registry.js';
import type { LiveApi } from '../serve/live-api.js';

/**
 * Each node's periodic check, backing up the notifications: serve the newest
 * stored version if a notice was missed, report the version this node
 * serves, and run the deferred drops every node has moved past. A failed
 * check is logged and tried again at the next one; checks never overlap.
 */
export class VersionWatch {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly metadata: MetadataService,
    private readonly live: LiveApi,
    private readonly nodes: NodeRegistry,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.#timer = setInterval(() => void this.check(), this.intervalMs);
    this.#timer.unref();
  }

  /** One check now (also after a reconnect); waits for one already under way. */
  async check(): Promise<void> {
    this.#running ??= this.#check().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #check(): Promise<void> {
    try {
      await this.metadata.catchUpLatest();
      await this.nodes.report(this.live.version);
      const dropped = await this.metadata.runDeferredDrops();
      for (const statement of dropped) console.log(`lattice: ran a deferred drop: ${statement}`);
    } catch (error) {
      console.warn(`lattice: periodic version check failed: ${(error as Error).message}`);
    }
  }

  /** Stops checking and removes this node from the registry (its versions no longer hold back drops). */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
    await this.nodes.remove().catch(() => undefined);
  }
}
