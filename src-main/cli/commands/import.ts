import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IntakeError } from '../../../src-shared/errors';
import { EXPORT_FORMATS, type ExportFormat } from '../../../src-shared/model/destination';
import { IMPORT_TYPES, type ImportType } from '../../../src-shared/model/import-type';
import type { RunProgress } from '../../../src-shared/model/run';
import { ImportRecipeSchema } from '../../../src-shared/schemas/mapping';
import { createEngine } from '../../host/engine';
import { describeValidationIssues } from '../../services/errors/validation-message';
import { exportFile, importFile, type HeadlessSource } from '../../services/runs/import-file';
import { resolveWorkspaceDir } from '../../services/workspace/workspace-path';
import { CliError } from '../cli-error';
import { DIALECT_OPTIONS, dialectOverrides } from '../dialect-options';
import { progressPrinter } from '../import/progress-printer';
import { runSummaryJson, runSummaryText } from '../import/run-summary';

const OPTIONS = {
  definition: { type: 'string' },
  workspace: { type: 'string' },
  'workspace-query': { type: 'string' },
  json: { type: 'boolean', default: false },
  name: { type: 'string' },
  type: { type: 'string' },
  'event-type': { type: 'string' },
  catalog: { type: 'string' },
  pool: { type: 'string' },
  id: { type: 'string', multiple: true },
  timestamp: { type: 'string' },
  'item-id': { type: 'string' },
  role: { type: 'string', multiple: true },
  static: { type: 'string', multiple: true },
  'lowercase-ids': { type: 'boolean', default: false },
  'time-zone': { type: 'string' },
  ...DIALECT_OPTIONS,
} as const;

/**
 * `intake export` takes --format for the file it writes (csv|ndjson); the source's own format,
 * --format on import, is --source-format here.
 */
const EXPORT_OPTIONS = {
  ...OPTIONS,
  format: { type: 'string' },
  'source-format': { type: 'string' },
  out: { type: 'string' },
} as const;

/**
 * How long `intake import` waits for the workspace while another process (the app, another
 * import) is writing to it: a script would rather wait for that run's commit than fail after the
 * app's 250 ms. Its run's processing waits as long to begin (the app's waits 60 s).
 */
export const CLI_BUSY_TIMEOUT_MS = 10 * 60_000;

/**
 * `intake import <file> | --workspace-query "<SELECT …>"  --definition <import.json> | --type …`:
 * the whole pipeline headless — detect (or take the definition's dialect), stage, map, validate,
 * load — with progress on stderr and the run's summary on stdout. Exit code 0 when the run
 * succeeded, 1 when it failed or was cancelled.
 */
export function importCommand(argv: string[]): Promise<number> {
  return headless('import', argv);
}

/**
 * `intake export <file> … --format csv|ndjson --out <path>`: the same pipeline, but the mapped
 * records go to a file (written under a temporary name and renamed at the end) instead of the
 * workspace; the same summary and exit codes. Nothing is saved as an import.
 */
export function exportCommand(argv: string[]): Promise<number> {
  return headless('export', argv);
}

async function headless(command: 'import' | 'export', argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: command === 'export' ? EXPORT_OPTIONS : OPTIONS,
  });
  const query = values['workspace-query'];
  const [file, ...extra] = positionals;
  if (extra.length > 0 || (file === undefined) === (query === undefined))
    throw new CliError(
      `Usage: intake ${command} <file> | --workspace-query "<SELECT …>"  --definition FILE | --type TYPE …; see intake --help.`,
    );
  if (values.definition === undefined && values.type === undefined)
    throw new CliError(
      'Say how to import: --definition <import.json> (exported from the app) or --type <import type>.',
    );
  if (values.definition !== undefined && values.type !== undefined)
    throw new CliError(
      'Give either --definition or --type, not both: the definition already names its import type.',
    );
  const destination =
    command === 'export' ? exportDestination(values as { format?: string; out?: string }) : undefined;
  const source: HeadlessSource = file !== undefined ? { file } : { workspaceQuery: query! };
  // Usage errors before the workspace is opened (or created).
  const dialect = dialectOverrides(
    command === 'export'
      ? { ...values, format: (values as { 'source-format'?: string })['source-format'] }
      : values,
  );

  let print: ((progress: RunProgress) => void) | null = null;
  const engine = createEngine({
    workspaceDir: resolveWorkspaceDir(values.workspace),
    busyTimeoutMs: CLI_BUSY_TIMEOUT_MS,
    echo: (line) => process.stderr.write(`${line}\n`),
    emit: (name, payload) => {
      if (name === 'runs:progress') print?.(payload as RunProgress);
    },
  });
  try {
    const started = Date.now();
    const request = {
      ...source,
      dialect,
      name: values.name,
      ...(values.definition !== undefined
        ? { recipe: await readDefinition(values.definition) }
        : {
            quick: {
              type: importType(values.type!),
              eventType: values['event-type'],
              catalog: values.catalog,
              pool: values.pool,
              ids: values.id ?? [],
              timestamp: values.timestamp,
              itemId: values['item-id'],
              roles: values.role ?? [],
              statics: values.static ?? [],
              lowercaseIds: values['lowercase-ids'],
              timeZone: values['time-zone'],
            },
          }),
    };
    const { run } = destination
      ? await exportFile(engine, { ...request, destination })
      : await importFile(engine, request);
    print = progressPrinter(run.id, (line) => process.stderr.write(line));
    const stop = () => void engine.runs.cancel(run.id);
    process.once('SIGINT', stop);
    const finished = await engine.runs.settled(run.id);
    process.off('SIGINT', stop);
    const summary = runSummaryJson(engine.workspace.db, finished);
    if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stdout.write(runSummaryText(summary, finished.warnings, (Date.now() - started) / 1000));
    if (values.json) for (const warning of finished.warnings) process.stderr.write(`warning: ${warning}\n`);
    if (finished.status !== 'succeeded') {
      process.stderr.write(
        `intake ${command}: the run ${finished.status}: ${finished.error?.message ?? ''}\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    await engine.close();
  }
}

function exportDestination(values: { format?: string; out?: string }) {
  if (values.out === undefined) throw new CliError('Say where to write the export: --out <path>.');
  const format = (values.format ?? 'csv') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format))
    throw new CliError(
      `--format "${values.format}" is not an export format (one of: ${EXPORT_FORMATS.join(', ')}).`,
    );
  return { kind: 'file' as const, path: resolve(values.out), format };
}

/** Reads and checks a definition file (the JSON the app's "Export recipe" writes). */
async function readDefinition(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError(`--definition: cannot read "${path}": ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`--definition "${path}" is not JSON: ${(error as Error).message}`);
  }
  const parsed = ImportRecipeSchema.safeParse(json);
  if (!parsed.success) {
    const { message, issues } = describeValidationIssues(`--definition "${path}"`, parsed.error.issues);
    throw new IntakeError('VALIDATION', message, { issues });
  }
  return parsed.data;
}

function importType(text: string): ImportType {
  if (!(IMPORT_TYPES as readonly string[]).includes(text))
    throw new CliError(`--type "${text}" is not an import type (one of: ${IMPORT_TYPES.join(', ')}).`);
  return text as ImportType;
}
