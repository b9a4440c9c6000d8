import { parseArgs } from 'node:util';
import { SELECTION_RULES, type SpecOf } from '../../../src-shared/model/source';
import type { TableInfo } from '../../../src-shared/model/schema';
import { listImports } from '../../services/imports/import-repository';
import { importedFilesOf, importedFilesOfConnection } from '../../services/runs/run-repository';
import { connectionNamed } from '../../services/sources/connections/connection-repository';
import { resolveConnection } from '../../services/sources/connections/resolved-connection';
import { storageConnector } from '../../services/sources/connectors/storage';
import { nameMatcher } from '../../services/sources/storage/file-selection';
import { CliError } from '../cli-error';
import { connectionRequests, openCliEngine } from '../cli-engine';

const USAGE = `Usage: intake sources list --connection NAME [--path P] [--match /RE/] [--import NAME] [--json]
       intake sources tables --connection NAME [--json]`;

const bytes = new Intl.NumberFormat('en-US');

/**
 * `intake sources list` lists the files a storage connection's path or pattern matches (name,
 * size, modified, already imported: by --import, or by any import reading the same folder through
 * the connection); `intake sources tables` lists a database connection's tables and columns.
 */
export async function sourcesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      connection: { type: 'string' },
      path: { type: 'string', default: '' },
      match: { type: 'string' },
      import: { type: 'string' },
      workspace: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [sub, ...extra] = positionals;
  if ((sub !== 'list' && sub !== 'tables') || extra.length > 0 || values.connection === undefined)
    throw new CliError(USAGE);
  if (values.match !== undefined) nameMatcher(values.match);
  const engine = openCliEngine(values.workspace);
  try {
    const db = engine.workspace.db;
    const connection = connectionNamed(db, values.connection);
    if (sub === 'tables') {
      const tables = await connectionRequests(engine)['sources:tables']({ id: connection.id });
      process.stdout.write(values.json ? `${JSON.stringify(tables)}\n` : tablesText(tables));
      return 0;
    }
    const spec: SpecOf<'storage'> = {
      kind: 'storage',
      connectionId: connection.id,
      path: values.path,
      match: values.match ?? null,
      select: SELECTION_RULES[0],
    };
    const importId =
      values.import === undefined
        ? null
        : (listImports(db).find(
            (definition) => definition.name === values.import || definition.id === values.import,
          )?.id ?? missingImport(values.import));
    const files = await storageConnector.list!(spec, {
      workspaceDir: engine.workspace.dir,
      nativeBinding: engine.nativeBinding,
      connection: await resolveConnection(db, engine.secrets, connection.id),
      importedFiles:
        importId !== null
          ? importedFilesOf(db, importId)
          : importedFilesOfConnection(db, connection.id, spec.path),
    });
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify(files.map((file) => ({ ...file, imported: file.imported ?? false })))}\n`,
      );
    } else if (files.length === 0) {
      process.stdout.write(`No file in ${spec.path || 'the root'} matches ${spec.match ?? 'the path'}.\n`);
    } else {
      const width = Math.max(...files.map((file) => file.name.length));
      for (const file of files) {
        process.stdout.write(
          `${file.name.padEnd(width)}  ${bytes.format(file.size).padStart(14)} B  ${file.modifiedAt}${file.imported ? '  imported' : ''}\n`,
        );
      }
    }
    return 0;
  } finally {
    await engine.close();
  }
}

function tablesText(tables: TableInfo[]): string {
  if (tables.length === 0) return 'No tables.\n';
  return tables
    .map((table) => {
      const name = table.schema ? `${table.schema}.${table.name}` : table.name;
      const columns = table.columns.map((column) => `    ${column.name}  ${column.databaseType}`).join('\n');
      return `${name}${table.kind === 'view' ? ' (view)' : ''}\n${columns}`;
    })
    .join('\n')
    .concat('\n');
}

function missingImport(name: string): never {
  throw new CliError(`--import: no saved import is named "${name}".`, 1);
}
