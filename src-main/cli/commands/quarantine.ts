import { parseArgs } from 'node:util';
import { quarantinedRecords } from '../../services/destinations/platform/push-memory';
import { retryQuarantined } from '../../services/destinations/platform/quarantine-retry';
import { resolveConnection } from '../../services/sources/connections/resolved-connection';
import { CliError } from '../cli-error';
import { openCliEngine, savedImportNamed } from '../cli-engine';

const USAGE = 'Usage: intake quarantine list|retry <import name or id> [--json] [--workspace DIR]';

/**
 * `intake quarantine list|retry <import>`: the records a platform refused from an import (with its
 * reason), and sending them again as they were after the cause was fixed on the platform's side.
 */
export async function quarantineCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { workspace: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const [verb, name, ...extra] = positionals;
  if ((verb !== 'list' && verb !== 'retry') || name === undefined || extra.length > 0)
    throw new CliError(USAGE);
  const engine = openCliEngine(values.workspace);
  try {
    const definition = savedImportNamed(engine, name);
    const destination = definition.destination;
    if (destination.kind !== 'platform') {
      throw new CliError(`"${definition.name}" does not push to a platform: it has no quarantine.`, 1);
    }
    const db = engine.workspace.db;
    if (verb === 'list') {
      const records = quarantinedRecords(db, destination.connectionId, definition.id);
      if (values.json) process.stdout.write(`${JSON.stringify(records)}\n`);
      else if (records.length === 0) process.stdout.write('Nothing is quarantined.\n');
      else
        for (const record of records)
          process.stdout.write(`row ${record.rowNumber} ${record.key}: ${record.reason}\n`);
      return 0;
    }
    const outcome = await retryQuarantined({
      workspaceDir: engine.workspace.dir,
      nativeBinding: engine.nativeBinding,
      connection: await resolveConnection(db, engine.secrets, destination.connectionId),
      importId: definition.id,
      mapping: definition.mapping,
    });
    if (values.json) process.stdout.write(`${JSON.stringify(outcome)}\n`);
    else
      process.stdout.write(
        `Retried ${outcome.retried}: ${outcome.sent} taken, ${outcome.stillQuarantined} still refused (${outcome.requests} requests).\n`,
      );
    return outcome.stillQuarantined > 0 ? 1 : 0;
  } finally {
    await engine.close();
  }
}
