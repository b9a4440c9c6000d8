import { postgresDestination } from '../../../src-main/services/destinations/postgres/postgres-destination';
import type { ResolvedConnection } from '../../../src-main/services/sources/connections/resolved-connection';
import { datasetInput } from '../../../src-main/services/runs/run-input';
import type { ImportMapping } from '../../../src-shared/model/mapping';

// A process of its own that loads a staged dataset into PostgreSQL through the destination's
// session, as a run's worker does, saying on stdout when each batch is merged: the kill test
// SIGKILLs it in the middle of a COPY.

interface LoadJob {
  runId: string;
  workspaceDir: string;
  datasetPath: string;
  mapping: ImportMapping;
  connection: ResolvedConnection;
  schema: string;
}

const job = JSON.parse(process.env.INTAKE_LOAD_JOB!) as LoadJob;
const session = postgresDestination.open(
  { kind: 'postgres', connectionId: job.connection.id, schema: job.schema },
  { runId: job.runId, importId: null },
  { workspaceDir: job.workspaceDir, connection: job.connection },
);
let read = 0;
await session.write(datasetInput({ datasetPath: job.datasetPath, mapping: job.mapping }), {
  applied(result) {
    read += result.read;
    process.stdout.write(`applied ${read}\n`);
  },
  checkpoint: () => undefined,
});
await session.commit({
  counts: { read, imported: 0, updated: 0, deduplicated: 0, rejected: 0, skipped: 0 },
  warnings: [],
});
process.stdout.write('committed\n');
