import type {
  EventName,
  EventPayload,
  IntakeApi,
  RendererRequestName,
  RequestPayload,
  RequestResult,
} from '../../src-shared/contract';
import type { AppError, Result } from '../../src-shared/result';
import { chooseTransport } from './transport';
import { takeWebToken } from './web-token';
import { createWebTransport } from './web-transport';

/** A failed request, thrown by `call` so actions can use try/catch; carries the AppError. */
export class RequestError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'RequestError';
  }
}

let transport: IntakeApi | null = null;

function shell(): IntakeApi {
  transport ??= chooseTransport(() => createWebTransport(takeWebToken()));
  return transport;
}

/** What a caught failure says, as text to show inline. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sends a request of the contract and returns its data, or throws a RequestError. */
export async function call<N extends RendererRequestName>(
  name: N,
  payload: RequestPayload<N>,
): Promise<RequestResult<N>> {
  const send = shell().request[name] as (payload: RequestPayload<N>) => Promise<Result<RequestResult<N>>>;
  const result = await send(payload);
  if (!result.ok) throw new RequestError(result.error);
  return result.data;
}

/** Subscribes to a pushed event; returns the unsubscribe function. */
export function on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
  return shell().on(name, listener);
}

/** Which shell the renderer runs in. */
export function shellKind(): IntakeApi['shell'] {
  return shell().shell;
}
