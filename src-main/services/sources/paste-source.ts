import { writeFile } from 'node:fs/promises';
import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { LIMITS } from '../../../src-shared/limits';
import { ownedSourcePath } from './owned-source-file';
import { registerFile } from './register-file';
import type { StoredSource } from './source-repository';

/** Name shown for pasted data. */
export const PASTE_NAME = 'Pasted data';

/**
 * Keeps pasted text (TSV from a spreadsheet, or any CSV) as a UTF-8 source file, so a paste
 * is previewed and staged exactly like a dropped file. Refuses pastes over 500 KB.
 */
export async function addPaste(db: Database, workspaceDir: string, text: string): Promise<StoredSource> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.pasteBytes) {
    throw new IntakeError(
      'LIMIT',
      `The pasted data is ${bytes.toLocaleString('en')} bytes, over the 500 KB (${LIMITS.pasteBytes.toLocaleString('en')} bytes) paste limit. Save it as a file and drop the file instead.`,
      { size: bytes, limit: LIMITS.pasteBytes },
    );
  }
  const path = ownedSourcePath(workspaceDir, '.txt');
  await writeFile(path, text, 'utf8');
  return registerFile(db, path, { spec: { kind: 'paste', path }, name: PASTE_NAME });
}
