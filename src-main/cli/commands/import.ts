import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IntakeError } from '../../../src-shared/errors';
import {
  EXPORT_FORMATS,
  type DestinationSpec,
  type ExportFormat,
} from '../../../src-shared/model/destination';
import { IMPORT_TYPES, type ImportType } from '../../../src-shared/model/import-type';
import { ImportRecipeSchema } from '../../../src-shared/schemas/mapping';
import type { ImportRecipe } from '../../../src-shared/model/mapping';
import { describeValidationIssues } from '../../services/errors/validation-message';
import { exportFile, importFile, type HeadlessSource } from '../../services/runs/import-file';
import type { Automation } from '../../../src-shared/model/automation';
import { setAutomation } from '../../services/schedule/automation-service';
import { CliError } from '../cli-error';
import { automationRules, scheduleFromSpec } from './schedules';
import { DIALECT_OPTIONS, dialectOverrides } from '../dialect-options';
import { runFollower } from '../import/follow-run';
import { openCliEngine } from '../cli-engine';
import type { Engine } from '../../host/engine';
import { connectionNamed } from '../../services/sources/connections/connection-repository';
import type { DescribedSpec } from '../../services/sources/add-source';
import { nameMatcher } from '../../services/sources/storage/file-selection';
import { SELECTION_RULES, type SelectionRule } from '../../../src-shared/model/source';

const OPTIONS = {
  definition: { type: 'string' },
  workspace: { type: 'string' },
  'workspace-query': { type: 'string' },
  url: { type: 'string' },
  connection: { type: 'string' },
  query: { type: 'string' },
  path: { type: 'string' },
  match: { type: 'string' },
  select: { type: 'string' },
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
  schedule: { type: 'string' },
  'on-new-file': { type: 'boolean', default: false },
  incremental: { type: 'boolean', default: false },
  to: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  schema: { type: 'string' },
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
 * `intake import <file> | --workspace-query "<SELECT …>" | --url URL [--connection NAME] |
 * --connection NAME --query "<SELECT …>" | --connection NAME --path P [--match /RE/] [--select R]`
 * with `--definition <import.json> | --type …`: the whole pipeline headless — detect (or take the definition's dialect), stage, map, validate,
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
  const [file, ...extra] = positionals;
  if (extra.length > 0) throw new CliError(usage(command));
  const described = describedSource(file, values);
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
  const automation = automationFlag(command, described, values);
  // Usage errors before the workspace is opened (or created).
  const dialect = dialectOverrides(
    command === 'export'
      ? { ...values, format: (values as { 'source-format'?: string })['source-format'] }
      : values,
  );

  const follower = runFollower();
  const engine = openCliEngine(values.workspace, follower.emit);
  try {
    const source: HeadlessSource =
      'connection' in described
        ? { source: withConnection(described, connectionNamed(engine.workspace.db, described.connection).id) }
        : described;
    const to = values.to === undefined ? undefined : destinationNamed(engine, values.to, values.schema);
    const request = {
      ...source,
      dialect,
      name: values.name,
      ...(to ? { to } : {}),
      ...(values['dry-run'] ? { dryRun: true } : {}),
      ...(values.definition !== undefined
        ? { recipe: incrementalRecipe(await readDefinition(values.definition), values.incremental) }
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
              incremental: values.incremental,
            },
          }),
    };
    const { run, definition } = destination
      ? { ...(await exportFile(engine, { ...request, destination })), definition: null }
      : await importFile(engine, request);
    if (automation && definition) {
      // Saved before the first run is followed: a first run that fails keeps its schedule.
      const state = await setAutomation(
        engine.workspace.db,
        definition.id,
        automation,
        automationRules(engine),
      );
      process.stderr.write(
        `"${definition.name}" runs by itself: ${state!.words}; next ${state!.nextDueAt}.\n`,
      );
    }
    return await follower.follow(engine, run, { json: values.json, command });
  } finally {
    await engine.close();
  }
}

type SourceFlags = {
  'workspace-query'?: string | undefined;
  url?: string | undefined;
  connection?: string | undefined;
  query?: string | undefined;
  path?: string | undefined;
  match?: string | undefined;
  select?: string | undefined;
};

/** A spec without its connection's id (distributed over the kinds, so each keeps its fields). */
type SpecWithoutConnection = DescribedSpec extends infer S
  ? S extends unknown
    ? Omit<S, 'connectionId'>
    : never
  : never;

/** A source the flags describe, its connection still a name (looked up once the workspace is open). */
type DescribedFlags =
  | { file: string }
  | { workspaceQuery: string }
  | { connection: string; spec: SpecWithoutConnection }
  | { source: DescribedSpec };

/**
 * --to NAME: the saved connection an import pushes to — a Bloomreach or Segment-compatible
 * platform, or PostgreSQL (into --schema, `public` by default).
 */
function destinationNamed(
  engine: Engine,
  name: string,
  schema: string | undefined,
): Exclude<DestinationSpec, { kind: 'file' }> {
  const connection = connectionNamed(engine.workspace.db, name);
  if (connection.kind === 'bloomreach' || connection.kind === 'segment') {
    return { kind: 'platform', connectionId: connection.id };
  }
  if (connection.kind === 'postgres')
    return { kind: 'postgres', connectionId: connection.id, schema: schema ?? 'public' };
  throw new CliError(
    `--to ${name}: "${connection.name}" is a ${connection.kind} connection; an import pushes to a bloomreach, segment or postgres one.`,
  );
}

/** A definition with --incremental turned on (the definition's own option otherwise). */
function incrementalRecipe(recipe: ImportRecipe, incremental: boolean | undefined): ImportRecipe {
  if (!incremental) return recipe;
  return {
    ...recipe,
    mapping: { ...recipe.mapping, options: { ...recipe.mapping.options, incremental: true } },
  };
}

/**
 * --schedule "<spec>" or --on-new-file, checked before the workspace opens: they need a saved
 * import's name and a source that can change (a file never does).
 */
function automationFlag(
  command: 'import' | 'export',
  described: DescribedFlags,
  values: { schedule?: string | undefined; 'on-new-file'?: boolean | undefined; name?: string | undefined },
): Automation | null {
  const asked = values.schedule !== undefined ? '--schedule' : values['on-new-file'] ? '--on-new-file' : null;
  if (asked === null) return null;
  if (command === 'export') throw new CliError(`${asked} applies to intake import: an export is not saved.`);
  if (values.schedule !== undefined && values['on-new-file'])
    throw new CliError('Give either --schedule or --on-new-file: an import runs by one of them.');
  if (values.name === undefined)
    throw new CliError(`${asked} needs --name: a schedule belongs to a saved import.`);
  if ('file' in described)
    throw new CliError(
      `${asked}: a file never changes, so running it again imports the same rows. Schedule a URL, database, storage or workspace-query import.`,
    );
  if (values['on-new-file']) {
    if (!('connection' in described) || described.spec.kind !== 'storage')
      throw new CliError('--on-new-file applies to a storage source (--connection NAME --path P).');
    return { kind: 'new-file' };
  }
  return scheduleFromSpec(values.schedule!);
}

function usage(command: string): string {
  return `Usage: intake ${command} <file> | --workspace-query "<SELECT …>" | --url URL [--connection NAME] | --connection NAME --query "<SELECT …>" | --connection NAME --path P [--match /RE/] [--select RULE], then --definition FILE | --type TYPE …; see intake --help.`;
}

/** Exactly one source: a file, a workspace query, a feed, a database query or a storage path. */
function describedSource(file: string | undefined, values: SourceFlags): DescribedFlags {
  const given = [
    file !== undefined,
    values['workspace-query'] !== undefined,
    values.url !== undefined,
    values.query !== undefined,
    values.path !== undefined || values.match !== undefined,
  ].filter(Boolean).length;
  if (given !== 1) throw new CliError(usage('import'));
  if (values.select !== undefined && values.path === undefined && values.match === undefined)
    throw new CliError('--select applies to a storage source: give --path (and --match).');
  if (file !== undefined || values['workspace-query'] !== undefined) {
    if (values.connection !== undefined)
      throw new CliError('--connection applies to --url, --query and --path sources.');
    return file !== undefined ? { file } : { workspaceQuery: values['workspace-query']! };
  }
  if (values.url !== undefined) {
    const spec = { kind: 'url' as const, url: values.url };
    return values.connection === undefined
      ? { source: { ...spec, connectionId: null } }
      : { connection: values.connection, spec };
  }
  if (values.connection === undefined)
    throw new CliError(
      `--${values.query !== undefined ? 'query' : 'path'} reads through a connection: add --connection NAME.`,
    );
  if (values.query !== undefined)
    return { connection: values.connection, spec: { kind: 'sql', query: values.query } };
  const select = values.select ?? 'last-modified';
  if (!(SELECTION_RULES as readonly string[]).includes(select))
    throw new CliError(
      `--select "${select}" is not a selection rule (one of: ${SELECTION_RULES.join(', ')}).`,
    );
  if (values.match !== undefined) nameMatcher(values.match);
  return {
    connection: values.connection,
    spec: {
      kind: 'storage',
      path: values.path ?? '',
      match: values.match ?? null,
      select: select as SelectionRule,
    },
  };
}

function withConnection(described: { spec: SpecWithoutConnection }, connectionId: string): DescribedSpec {
  return { ...described.spec, connectionId } as DescribedSpec;
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
