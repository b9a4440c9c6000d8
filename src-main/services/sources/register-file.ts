import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { formatBytes, LIMITS } from '../../../src-shared/limits';
import type { SourceKind } from '../../../src-shared/model/source';
import { insertSource, type StoredSource } from './source-repository';

/**
 * Registers a file on disk as a source after checking it is a readable regular file, not empty
 * and not over the 1 GB limit — refused before a byte of it is read.
 */
export async function registerFile(
  db: Database,
  path: string,
  options: { kind?: SourceKind; name?: string; owned?: boolean } = {},
): Promise<StoredSource> {
  const name = options.name ?? basename(path);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new IntakeError('IO', `Cannot open "${name}": ${(error as Error).message}`, { file: name });
  }
  if (!info.isFile()) throw new IntakeError('VALIDATION', `"${name}" is not a file.`, { file: name });
  checkSourceSize(name, info.size);
  const source: StoredSource = {
    id: randomUUID(),
    kind: options.kind ?? 'file',
    name,
    path,
    size: info.size,
    owned: options.owned ?? false,
    createdAt: new Date().toISOString(),
  };
  insertSource(db, source);
  return source;
}

/** Refuses empty sources and sources over the file limit, naming the size and the limit. */
export function checkSourceSize(name: string, size: number): void {
  if (size === 0) throw new IntakeError('VALIDATION', `"${name}" is empty (0 bytes).`, { file: name });
  if (size > LIMITS.fileBytes) {
    throw new IntakeError(
      'LIMIT',
      `"${name}" is ${formatBytes(size)}, over the ${formatBytes(LIMITS.fileBytes)} file limit. Split it into smaller files.`,
      { file: name, size, limit: LIMITS.fileBytes },
    );
  }
}
