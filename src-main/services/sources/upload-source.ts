import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import { checkSourceSize } from './register-file';
import { LIMITS } from '../../../src-shared/limits';
import { ownedSourcePath } from './owned-source-file';
import { registerFile } from './register-file';
import type { StoredSource } from './source-repository';

/**
 * Receives a file's bytes from a browser (which has no paths) into the workspace's sources/
 * folder, streaming, and refuses it as soon as it passes the 1 GB limit.
 */
export async function receiveUpload(
  db: Database,
  workspaceDir: string,
  name: string,
  declaredSize: number | null,
  body: Readable,
): Promise<StoredSource> {
  if (declaredSize !== null) checkSourceSize(name, declaredSize);
  const path = ownedSourcePath(workspaceDir, extname(name).slice(0, 16) || '.dat');
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > LIMITS.fileBytes) {
        callback(
          new IntakeError('LIMIT', `"${name}" is over the 1 GB file limit.`, {
            file: name,
            limit: LIMITS.fileBytes,
          }),
        );
        return;
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(body, limit, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return registerFile(db, path, { spec: { kind: 'upload', path, name }, name });
}
