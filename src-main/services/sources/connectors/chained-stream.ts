import { PassThrough, type Readable, type Transform } from 'node:stream';

/**
 * Stages piped into one stream whose errors are mapped by `mapError` (a reset mid-body becomes
 * NETWORK, a stall TIMEOUT, a broken gzip PARSE). `pipe` forwards no errors, so a failure of an
 * early stage would leave the reader waiting forever: every stage is listened to. Destroying the
 * result (a preview has read its head, a run was cancelled) destroys every stage, which frees the
 * socket or the file handle.
 */
export function chainedStream(stages: readonly Readable[], mapError: (error: Error) => Error): Readable {
  const out = new PassThrough();
  let last = stages[0] as Readable;
  for (const stage of stages.slice(1)) last = last.pipe(stage as Transform);
  last.pipe(out);
  for (const stage of stages) stage.on('error', (error: Error) => out.destroy(mapError(error)));
  out.on('close', () => {
    for (const stage of stages) stage.destroy();
  });
  return out;
}
