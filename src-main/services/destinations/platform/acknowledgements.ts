import type { Acknowledgement, Outbox } from './outbox';

/**
 * Group commit of a push's acknowledgements: answers that arrive in the same turn of the event
 * loop are written in one transaction (one WAL commit instead of one per request). A request
 * counts as acknowledged once that commit is done — the promise `add` returns — so a kill before
 * it leaves the request in the outbox, where the next run sends it again: the "sent but not
 * acknowledged" case the README names.
 */
export class Acknowledgements {
  private pending: Acknowledgement[] = [];
  private flushed: Promise<void> | null = null;

  constructor(
    private readonly outbox: Outbox,
    private readonly runId: string,
    /** When this run's acknowledgements count from (the delta does not see them before). */
    private readonly notBefore: number,
  ) {}

  /** Records an answer; resolves once it is committed with the others of its turn. */
  add(ack: Acknowledgement): Promise<void> {
    this.pending.push(ack);
    this.flushed ??= new Promise((resolve, reject) => {
      setImmediate(() => {
        const acks = this.pending;
        this.pending = [];
        this.flushed = null;
        try {
          this.outbox.acknowledge(acks, this.runId, Math.max(Date.now(), this.notBefore));
          resolve();
        } catch (error) {
          reject(error);
        }
      });
    });
    return this.flushed;
  }
}
