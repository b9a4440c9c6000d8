import { parseArgs } from 'node:util';
import { listImports } from '../../services/imports/import-repository';
import { CliError } from '../cli-error';
import { openCliEngine } from '../cli-engine';
import { runFollower } from '../import/follow-run';

/**
 * `intake run <import name or id> [--json] [--workspace DIR]`: runs a saved import again, as its
 * Run button does (a storage source selects its files again; 'not imported yet' reads only the new
 * ones), with the same progress, summary and exit codes as `intake import`.
 */
export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { workspace: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0)
    throw new CliError('Usage: intake run <import name or id> [--json] [--workspace DIR]');
  const follower = runFollower();
  const engine = openCliEngine(values.workspace, follower.emit);
  try {
    const imports = listImports(engine.workspace.db);
    const definition = imports.find((candidate) => candidate.id === name || candidate.name === name);
    if (!definition) {
      const names = imports.map((candidate) => `"${candidate.name}"`);
      throw new CliError(
        `No saved import is named "${name}"${names.length ? ` (there are: ${names.join(', ')})` : ' (there are none yet)'}.`,
        1,
      );
    }
    return await follower.follow(engine, engine.runs.start(definition.id), {
      json: values.json,
      command: 'run',
    });
  } finally {
    await engine.close();
  }
}
