import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { SourceSpec } from '../../../src-shared/model/source';
import { openReadOnlyWorkspace, prepareReadOnlySelect } from '../workspace/read-only-query';
import { DATABASE_FILE } from '../workspace/workspace-files';
import { registerSource, type StoredSource } from './source-repository';

/** The specs the renderer and the CLI may describe themselves (file-like sources arrive by path). */
export type DescribedSpec = Extract<SourceSpec, { kind: 'workspace' }>;

/**
 * Registers a source the user described. A workspace query is refused before it is kept unless it
 * is one read-only SELECT: it is prepared (never run) on a read-only connection, so a typo or a
 * DELETE is reported now, not at the first run.
 */
export function addDescribedSource(db: Database, workspaceDir: string, spec: DescribedSpec): StoredSource {
  const check = openReadOnlyWorkspace(join(workspaceDir, DATABASE_FILE));
  try {
    prepareReadOnlySelect(check, spec.query);
  } finally {
    check.close();
  }
  return registerSource(db, spec);
}
