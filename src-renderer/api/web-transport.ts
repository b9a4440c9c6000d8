import {
  isEventName,
  rendererRequestNames,
  type EventName,
  type EventPayload,
  type IntakeApi,
} from '../../src-shared/contract';
import type { Result } from '../../src-shared/result';

type Listener = (payload: unknown) => void;

/**
 * The browser shell's transport: requests are POST /api/<name> with the token as a bearer,
 * events arrive on one WebSocket (authenticated by the page's cookie) that reconnects with
 * backoff if the host restarts.
 */
export function createWebTransport(token: string | null, origin = window.location.origin): IntakeApi {
  const listeners = new Map<EventName, Set<Listener>>();

  async function post(name: string, payload: unknown): Promise<Result<unknown>> {
    try {
      const response = await fetch(`${origin}/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(payload ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'IO', message: `The Intake host did not answer: ${String(error)}` },
      };
    }
  }

  function connect(attempt = 0): void {
    // The socket rides on the page's cookie: a token in its URL would sit in logs and histories.
    const socketUrl = new URL('/events', origin.replace(/^http/, 'ws'));
    const socket = new WebSocket(socketUrl);
    socket.onopen = () => {
      attempt = 0;
    };
    socket.onmessage = (message) => {
      const { name, payload } = JSON.parse(String(message.data)) as { name: string; payload: unknown };
      if (!isEventName(name)) return;
      listeners.get(name)?.forEach((listener) => listener(payload));
    };
    socket.onclose = () => {
      window.setTimeout(() => connect(attempt + 1), Math.min(10_000, 250 * 2 ** attempt));
    };
  }
  connect();

  const request = Object.fromEntries(
    rendererRequestNames.map((name) => [name, (payload: unknown) => post(name, payload)]),
  ) as IntakeApi['request'];

  return {
    shell: 'web',
    request,
    on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void) {
      const set = listeners.get(name) ?? new Set<Listener>();
      set.add(listener as Listener);
      listeners.set(name, set);
      return () => set.delete(listener as Listener);
    },
  };
}
