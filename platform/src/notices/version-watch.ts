import type { NodeRegistry } from './node-registry.js';

/** What the watch keeps up to date: the stored versions (`publish/`'s metadata service). */
export interface WatchedVersions {
  /** Serves the newest stored version if this node is behind. */
  catchUpLatest(): Promise<void>;
  /** Runs the drops every live node has moved past; returns their statements. */
  runDeferredDrops(): Promise<readonly string[]>;
}

/** The version this node serves (`serve/`'s live pointer). */
export interface ServedVersionNumber {
  readonly version: number;
}

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
    private readonly metadata: WatchedVersions,
    private readonly live: ServedVersionNumber,
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
