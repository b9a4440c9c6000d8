import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Handlers } from '../../../src-shared/contract';
import type { ShellKind } from '../../../src-shared/model/app-info';
import { safeFileName } from '../../../src-shared/file-name';
import { getSource } from '../sources/source-repository';
import type { StagingService } from '../stage/staging-service';
import type { RunService } from './run-service';

/** The folder of the workspace where the web host keeps exports for the browser to download. */
export const EXPORTS_DIR = 'exports';

/** Requests of the `exports` domain: the cleaned data as a file (a run with a file destination). */
export function createExportsHandlers(deps: {
  db: Database;
  workspaceDir: string;
  shell: ShellKind;
  runs: RunService;
  staging: StagingService;
  /** Desktop only: the Save dialog, resolving to the chosen path (null when cancelled). */
  chooseSavePath?: ((fileName: string) => Promise<string | null>) | undefined;
}): Pick<Handlers, 'exports:start'> {
  return {
    'exports:start': async ({ datasetId, mapping, format, name, importId }) => {
      const dataset = deps.staging.get(datasetId);
      const fileName = `${safeFileName(name.replace(/\.[^.]*$/, ''), 'export')}.${format}`;
      let path: string | null;
      if (deps.shell === 'electron' && deps.chooseSavePath) {
        path = await deps.chooseSavePath(fileName);
        if (path === null) return { started: null };
      } else {
        const folder = join(deps.workspaceDir, EXPORTS_DIR);
        mkdirSync(folder, { recursive: true });
        path = join(folder, `${randomUUID()}-${fileName}`);
      }
      const run = deps.runs.queue(
        {
          importId,
          name: `${name} → ${format.toUpperCase()} export`,
          importType: mapping.importType,
          source: getSource(deps.db, dataset.sourceId),
          dialect: {},
          mapping,
          destination: { kind: 'file', path, format },
        },
        // The wizard keeps its dataset: the export only reads it.
        { datasetId, borrowed: true },
      );
      return { started: { run, fileName, format, download: deps.shell !== 'electron' } };
    },
  };
}
