import { parseArgs } from 'node:util';
import { forgetPushed } from '../../services/destinations/platform/push-memory';
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
      'resend-all': { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      'test-row': { type: 'string' },
    },
  });
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0)
    throw new CliError(
      'Usage: intake run <import name or id> [--dry-run] [--test-row N] [--reset-cursor] [--resend-all] [--json] [--workspace DIR]',
    );
  const follower = runFollower();
  const engine = openCliEngine(values.workspace, follower.emit);
  try {
    const definition = savedImportNamed(engine, name);
    // "Send everything again": the destination forgets what it took from this import's keys.
    if (values['resend-all'] && 'connectionId' in definition.destination) {
      const forgotten = forgetPushed(engine.workspace.db, definition.destination.connectionId);
      process.stderr.write(
        `Forgot ${forgotten.toLocaleString('en')} records sent before: this run sends everything.\n`,
      );
    }
    // "Read everything again": an incremental import forgets its cursor first.
    if (values['reset-cursor'] && resetCursor(engine.workspace.db, definition.id)) {
      process.stderr.write(`"${definition.name}" forgot its cursor: this run reads everything.\n`);
    }
    const testRow = values['test-row'] === undefined ? undefined : Number(values['test-row']);
    if (testRow !== undefined && (!Number.isInteger(testRow) || testRow < 1)) {
      throw new CliError(
        `--test-row must be a row number (the header is row 1), got "${values['test-row']}".`,
      );
    }
    const run = engine.runs.start(definition.id, undefined, 'user', {
      ...(values['dry-run'] ? { dryRun: true } : {}),
      ...(testRow !== undefined ? { onlyRow: testRow } : {}),
    });
    return await follower.follow(engine, run, {
      json: values.json,
      command: 'run',
    });
  } finally {
    await engine.close();
  }
}
