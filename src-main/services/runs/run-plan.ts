import type { Database } from 'better-sqlite3';
import { IntakeError } from '../../../src-shared/errors';
import type { DestinationSpec } from '../../../src-shared/model/destination';
import type { ImportType } from '../../../src-shared/model/import-type';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import type { RunStarter } from '../../../src-shared/model/run';
import type { SourceKind } from '../../../src-shared/model/source';
import { getImport, sourceOfImport } from '../imports/import-repository';
import { getSource, type StoredSource } from '../sources/source-repository';

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
  /**
   * Set when the run reads another file than the import's own ("Run again with another file…"):
   * the source was registered for this run only and is forgotten when it ends.
   */
  oneOffSource?: true;
}

/** How a run gets its rows: a dataset the wizard staged, which the run may own or only borrow. */
export interface DatasetHandover {
  datasetId: string;
  /** True when the run only reads the dataset and leaves it to the wizard (an export). */
  borrowed?: boolean;
}

/**
 * How a run of a saved import is asked for: a dry run, one row sent alone ("test a record"), or
 * over another file than its own (a registered file or upload: "Run again with another file…").
 */
export interface RunOptions {
  dryRun?: boolean;
  onlyRow?: number;
  sourceId?: string;
}

/** Source kinds that are one file the user chose: an import of one can run over another. */
const ONE_FILE_KINDS: readonly SourceKind[] = ['file', 'upload'];

/** What a run of a saved import executes, as the import is saved now; refused when it has no source. */
export function planOfImport(
  db: Database,
  importId: string,
  startedBy: RunStarter,
  options: RunOptions,
): RunPlan {
  const definition = getImport(db, importId);
  const saved = sourceOfImport(db, importId);
  const source =
    options.sourceId === undefined ? saved : anotherFile(db, definition.name, saved, options.sourceId);
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
    ...(options.sourceId !== undefined ? { oneOffSource: true as const } : {}),
  };
}

/**
 * The file a run of an import of one file reads instead of its own: the mapping, dialect and
 * cleanup steps stay the import's, and the run's header check still names any column it lacks.
 */
function anotherFile(db: Database, name: string, saved: StoredSource | null, sourceId: string): StoredSource {
  if (saved && !ONE_FILE_KINDS.includes(saved.kind)) {
    throw new IntakeError(
      'VALIDATION',
      `"${name}" reads ${saved.kind === 'paste' ? 'pasted data' : `a ${saved.kind} source`}, not a file: only an import of a file can run with another file.`,
      { setting: 'source', sourceId },
    );
  }
  const source = getSource(db, sourceId);
  if (!ONE_FILE_KINDS.includes(source.kind)) {
    throw new IntakeError(
      'VALIDATION',
      `"${source.name}" is not a file (it is a ${source.kind} source): choose a file to run "${name}" with.`,
      { setting: 'source', sourceId },
    );
  }
  return source;
}
