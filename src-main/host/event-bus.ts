import type { EventName, EventPayload } from '../../src-shared/contract';

/** A pushed event as it travels to a shell's transport. */
export interface PushedEvent {
  name: EventName;
  payload: unknown;
}

/** Fans events out to the shells' transports (IPC windows, WebSocket clients). */
export class EventBus {
  private readonly listeners = new Set<(event: PushedEvent) => void>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    for (const listener of this.listeners) listener({ name, payload });
  }

  subscribe(listener: (event: PushedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Listens to one event, typed (the shells' own reactions: a notification, a failure command). */
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
    return this.subscribe((event) => {
      if (event.name === name) listener(event.payload as EventPayload<N>);
    });
  }
}
