import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { formatBytes, LIMITS } from '../../../src-shared/limits';
import type { SourceSpec } from '../../../src-shared/model/source';
import { registerSource, type StoredSource } from './source-repository';

/**
 * Registers a file on disk as a source after checking it is a readable regular file, not empty
 * and not over the 1 GB limit — refused before a byte of it is read. `spec` says which kind of
 * local file it is (a dropped file by default; Intake's own paste and upload files).
 */
export async function registerFile(
  db: Database,
  path: string,
  options: { spec?: Extract<SourceSpec, { kind: 'file' | 'paste' | 'upload' }>; name?: string } = {},
): Promise<StoredSource> {
  const spec = options.spec ?? { kind: 'file', path };
  const name = options.name ?? basename(path);
  const size = await checkLocalFile(path, name);
  return registerSource(db, spec, { name, size, owned: spec.kind !== 'file' });
}

/**
 * Checks that a path is a regular file (a folder, a FIFO or a device is refused before anything
 * opens it, so a reader never blocks on a pipe), not empty and not over the limit; its size.
 */
export async function checkLocalFile(path: string, name = basename(path)): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new IntakeError('IO', `Cannot open "${name}": ${(error as Error).message}`, { file: name });
  }
  if (!info.isFile()) throw new IntakeError('VALIDATION', `"${name}" is not a file.`, { file: name });
  checkSourceSize(name, info.size);
  return info.size;
}

/** Refuses empty sources and sources over the file limit, naming the size and the limit. */
export function checkSourceSize(name: string, size: number): void {
  if (size === 0) {
    // Not a fault of the file's reader: the app says it calmly (reason 'empty'), without an error.
    throw new IntakeError('VALIDATION', `"${name}" is empty (0 bytes).`, { file: name, reason: 'empty' });
  }
  if (size > LIMITS.fileBytes) {
    throw new IntakeError(
      'LIMIT',
      `"${name}" is ${formatBytes(size)}, over the ${formatBytes(LIMITS.fileBytes)} file limit. Split it into smaller files.`,
      { file: name, size, limit: LIMITS.fileBytes },
    );
  }
}
