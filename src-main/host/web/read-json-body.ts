import type { IncomingMessage } from 'node:http';
import { IntakeError } from '../../../src-shared/errors';

/** API payloads are small by design (large data never crosses whole); uploads use their own route. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Reads and parses a JSON request body, refusing bodies over the limit. An empty body is `{}`. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY_BYTES) {
      throw new IntakeError('LIMIT', `Request body is over ${MAX_JSON_BODY_BYTES} bytes.`, {
        limit: MAX_JSON_BODY_BYTES,
      });
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new IntakeError('VALIDATION', 'Request body is not valid JSON.');
  }
}
