import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runReadOnlyQuery } from '../../services/workspace/read-only-query';
import { DATABASE_FILE } from '../../services/workspace/workspace';
import { resolveWorkspaceDir } from '../../services/workspace/workspace-path';
import { CliError } from '../cli-error';

/** Rows printed by a query before it says "truncated". */
const MAX_ROWS = 10_000;

/**
 * `intake workspace query "<SELECT …>" [--workspace DIR] [--json]`: a read-only query on the
 * workspace database, so an analyst (or a test) can check what landed. Anything but one SELECT is
 * refused before it runs; the database is opened read-only as well.
 */
export async function workspaceCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { workspace: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const [sub, sql, ...extra] = positionals;
  if (sub !== 'query' || sql === undefined || extra.length > 0)
    throw new CliError('Usage: intake workspace query "<SELECT …>" [--workspace DIR] [--json]');
  const databasePath = join(resolveWorkspaceDir(values.workspace), DATABASE_FILE);
  const result = runReadOnlyQuery(databasePath, sql, { maxRows: MAX_ROWS });
  if (values.json) {
    const rows = result.rows.map((row) =>
      Object.fromEntries(result.columns.map((name, i) => [name, row[i]])),
    );
    process.stdout.write(
      `${JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value))}\n`,
    );
  } else {
    process.stdout.write(
      `${[result.columns, ...result.rows].map((row) => row.map(cellText).join('\t')).join('\n')}\n`,
    );
  }
  if (result.truncated)
    process.stderr.write(`intake workspace query: only the first ${MAX_ROWS} rows were printed.\n`);
  return 0;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  return String(value);
}
