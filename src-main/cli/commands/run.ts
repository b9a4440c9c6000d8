import { parseArgs } from 'node:util';
import { resetCursor } from '../../services/imports/import-cursor';
import { CliError } from '../cli-error';
import { openCliEngine, savedImportNamed } from '../cli-engine';
import { runFollower } from '../import/follow-run';

/**
 * `intake run <import name or id> [--reset-cursor] [--json] [--workspace DIR]`: runs a saved import again, as its
 * Run button does (a storage source selects its files again; 'not imported yet' reads only the new
 * ones), with the same progress, summary and exit codes as `intake import`.
 */
export async function runCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      json: { type: 'boolean', default: false },
      'reset-cursor': { type: 'boolean', default: false },
    },
  });
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0)
    throw new CliError('Usage: intake run <import name or id> [--reset-cursor] [--json] [--workspace DIR]');
  const follower = runFollower();
  const engine = openCliEngine(values.workspace, follower.emit);
  try {
    const definition = savedImportNamed(engine, name);
    // "Read everything again": an incremental import forgets its cursor first.
    if (values['reset-cursor'] && resetCursor(engine.workspace.db, definition.id)) {
      process.stderr.write(`"${definition.name}" forgot its cursor: this run reads everything.\n`);
    }
    return await follower.follow(engine, engine.runs.start(definition.id), {
      json: values.json,
      command: 'run',
    });
  } finally {
    await engine.close();
  }
}
