import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import type { DestinationSpec } from '../../../src-shared/model/destination';
import type { ImportType } from '../../../src-shared/model/import-type';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import type { RunStarter } from '../../../src-shared/model/run';
import { getImport, sourceOfImport } from '../imports/import-repository';
import type { StoredSource } from '../sources/source-repository';

/** What a run executes: an import's source, dialect and mapping, and where its records go. */
export interface RunPlan {
  /** The saved import it runs; null for an export of a mapping that is not saved. */
  importId: string | null;
  name: string;
  importType: ImportType;
  source: StoredSource;
  dialect: DialectOverrides;
  mapping: ImportMapping;
  destination: DestinationSpec;
  /** What asked for the run ('user' when omitted). */
  startedBy?: RunStarter;
  /** Count what a push would do, sending nothing. */
  dryRun?: boolean;
  /** Send only this row of the source ("test a record"). */
  onlyRow?: number;
}

/** How a run gets its rows: a dataset the wizard staged, which the run may own or only borrow. */
export interface DatasetHandover {
  datasetId: string;
  /** True when the run only reads the dataset and leaves it to the wizard (an export). */
  borrowed?: boolean;
}

/** How a run of a saved import is asked for: a dry run, or one row sent alone ("test a record"). */
export interface RunOptions {
  dryRun?: boolean;
  onlyRow?: number;
}

/** What a run of a saved import executes, as the import is saved now; refused when it has no source. */
export function planOfImport(
  db: Database,
  importId: string,
  startedBy: RunStarter,
  options: RunOptions,
): RunPlan {
  const definition = getImport(db, importId);
  const source = sourceOfImport(db, importId);
  if (!source) {
    throw new IntakeError('VALIDATION', `The import "${definition.name}" has no source to read.`, {
      importId,
    });
  }
  if (options.onlyRow !== undefined && definition.destination.kind !== 'platform') {
    throw new IntakeError(
      'VALIDATION',
      `Testing a record sends one row to a platform: "${definition.name}" does not push to one.`,
      { importId, setting: 'destination' },
    );
  }
  return {
    importId,
    name: definition.name,
    importType: definition.importType,
    source,
    dialect: definition.dialect,
    mapping: definition.mapping,
    destination: definition.destination,
    startedBy,
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(options.onlyRow !== undefined ? { onlyRow: options.onlyRow } : {}),
  };
}
