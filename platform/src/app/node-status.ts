/**
 * What `/health` says of this node. `ok` only once it serves what it will
 * serve (a first start loading its example is `starting`), while it hears
 * other nodes' publishes (`stale` while its notification connection is
 * down: it may serve an old version), and until it begins to stop
 * (`draining`). Anything but `ok` answers 503, so a load balancer sends no
 * new requests.
 */
export type NodeState = 'starting' | 'ok' | 'stale' | 'draining';

export class NodeStatus {
  #ready = false;
  #draining = false;

  constructor(private readonly listening: () => boolean) {}

  markReady(): void {
    this.#ready = true;
  }

  markDraining(): void {
    this.#draining = true;
  }

  get draining(): boolean {
    return this.#draining;
  }

  get state(): NodeState {
    if (this.#draining) return 'draining';
    if (!this.#ready) return 'starting';
    return this.listening() ? 'ok' : 'stale';
  }
}
