import { join } from 'node:path';
import type { MappedRecord, RowReject } from '../../../../src-shared/mapping/map-row';
import { personalDataGuard } from '../personal-data-guard';
import BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import { IntakeError } from '../../../../src-shared/errors';
import { settingsOf } from '../../sources/connections/resolved-connection';
import type { ServerTarget } from '../../sources/connectors/sql/driver-support';
import { DATABASE_FILE } from '../../workspace/workspace-files';
import type {
  Destination,
  DestinationContext,
  DestinationSession,
  RecordBatch,
  RunIdentity,
  RunInput,
  RunSink,
} from '../destination';
import { copyLines } from './copy-rows';
import { addsOnly, mergeStatement } from './merge-statements';
import { prepareTable, STAGE_TABLE } from './prepare-table';
import { shapeOf, type TableShape } from './table-shapes';

/**
 * The PostgreSQL driver (pg and its streams), loaded at the first connection: the ingest worker
 * holds this module for every run, and loading pg with it was 50 ms of each worker's start-up.
 */
const postgresDriver = () => import('../../sources/connectors/sql/postgres-driver');

/**
 * Rows per COPY and merge: big enough that the round trips vanish beside the rows, small enough
 * to report progress a few times a second and to hold only one batch's text in memory.
 */
const BATCH_ITEMS = 20_000;
/** … or this much COPY text, whichever comes first (wide rows). */
const BATCH_CHARS = 16 << 20;

/**
 * A PostgreSQL database (DESIGN §2: COPY + merge) through a saved connection: each import type
 * into a table of its own in the spec's schema (see table-shapes), created from the mapping's
 * types and grown with it (see prepare-table). A session is ONE transaction from the first batch to
 * commit: each batch is COPYed into a temporary table and merged with the platforms' semantics
 * (see merge-statements). Nothing is visible before commit; an abort, a cancel, a lost connection
 * or a killed process leaves nothing — PostgreSQL rolls back the open transaction, tables and
 * columns the run created included.
 */
export const postgresDestination: Destination<'postgres'> = {
  kind: 'postgres',
  open: (spec, run, context) => new PostgresSession(spec, run, context),
};

class PostgresSession implements DestinationSession {
  private client: pg.Client | null = null;
  private where: ServerTarget | null = null;

  constructor(
    private readonly spec: { connectionId: string; schema: string },
    private readonly run: RunIdentity,
    private readonly context: DestinationContext,
  ) {
    settingsOf(context.connection, ['postgres'], 'A PostgreSQL destination');
    if (context.connection!.id !== spec.connectionId) {
      const message = 'The run was handed another connection than its destination names.';
      throw new IntakeError('VALIDATION', message, { connectionId: spec.connectionId });
    }
  }

  async write(input: RunInput, sink: RunSink): Promise<void> {
    // Refused before connecting: a mapping the tables cannot take (names, missing event type…).
    const shape = shapeOf(input.mapping, hardIdTypes(this.context));
    const client = await this.connect();
    try {
      await client.query('BEGIN');
      const table = await prepareTable(client, this.spec.schema, shape);
      const statements = {
        copy: `COPY ${STAGE_TABLE} (r, ${table.staged.join(', ')}) FROM STDIN`,
        merge: mergeStatement(shape, table),
        runId: this.run.runId,
      };
      sink.checkpoint();
      // While the server merges a batch, the next one is read and mapped here (the loop's next()).
      let pending: { batch: RecordBatch<string>; merged: Promise<number> | number } | null = null;
      // The schema's changes go into the run's summary with its first batch.
      let warnings = table.changes;
      for (const batch of input.batches<string>(batchShape(shape, personalDataGuard(input.mapping)))) {
        if (pending) {
          report(sink, shape, pending.batch, await pending.merged, warnings);
          warnings = [];
        }
        const merged =
          batch.items.length > 0 ? (await copyAndMerge(client, statements, batch.items)).merged : 0;
        pending = { batch, merged };
      }
      const last = pending ?? {
        batch: { read: 0, items: [], rejects: [], skipped: 0, newest: null },
        merged: 0,
      };
      report(sink, shape, last.batch, await last.merged, warnings);
    } catch (error) {
      throw (await postgresDriver()).postgresError(error, this.where!);
    }
  }

  async commit(): Promise<void> {
    const client = this.client;
    if (!client) throw new IntakeError('INTERNAL', 'The PostgreSQL session commits before it wrote.');
    try {
      await client.query('COMMIT');
    } catch (error) {
      throw (await postgresDriver()).postgresError(error, this.where!);
    } finally {
      await this.close();
    }
  }

  /** Ends the connection: the server rolls back the open transaction (a statement in flight too). */
  async abort(): Promise<void> {
    await this.close();
  }

  private async connect(): Promise<pg.Client> {
    const connection = this.context.connection!;
    const settings = settingsOf(connection, ['postgres'], 'A PostgreSQL destination');
    const { connectPostgres } = await postgresDriver();
    const { client, where } = await connectPostgres(
      connection,
      settings,
      { workspaceDir: this.context.workspaceDir },
      { writable: true },
    );
    this.client = client;
    this.where = where;
    return client;
  }

  private async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/**
 * COPYs a batch into the staging table, then sends its merge and the staging table's TRUNCATE
 * without waiting for them: `merged` resolves with the merge's count of new rows.
 */
async function copyAndMerge(
  client: pg.Client,
  statements: { copy: string; merge: string; runId: string },
  lines: readonly string[],
): Promise<{ merged: Promise<number> }> {
  await copyLines(client, statements.copy, lines);
  const merged = client.query<{ imported: number }>(statements.merge, [statements.runId]);
  const truncated = client.query(`TRUNCATE ${STAGE_TABLE}`);
  const imported = Promise.all([merged, truncated]).then(([result]) => result.rows[0]!.imported);
  // Awaited once the next batch is read; should reading fail first, the session is aborted and this
  // fails with the closed connection, which no one needs to hear.
  imported.catch(() => undefined);
  return { merged: imported };
}

/** A merged batch's counts to the sink: the valid rows that made no new row are updates or duplicates. */
function report(
  sink: RunSink,
  shape: TableShape,
  batch: RecordBatch<string>,
  imported: number,
  warnings: readonly string[],
): void {
  const others = batch.items.length - imported;
  sink.applied({
    read: batch.read,
    imported,
    updated: addsOnly(shape) ? 0 : others,
    deduplicated: addsOnly(shape) ? others : 0,
    rejects: batch.rejects,
    skipped: batch.skipped,
    newest: batch.newest,
    warnings,
  });
  sink.checkpoint();
}

/** Each record as its COPY line as soon as it is mapped; rows the table cannot take are rejected. */
/**
 * Each record as its COPY line, batched by count and size. Personal data leaves the machine
 * hashed (the PII guardrail): a value that cannot be hashed rejects its row, naming the column.
 */
function batchShape(shape: TableShape, guard: ReturnType<typeof personalDataGuard>) {
  return {
    prepare: !guard
      ? shape.line
      : (record: MappedRecord, rejects: RowReject[]) => {
          const guarded = guard(record);
          if (guarded.ok) return shape.line(guarded.record, rejects);
          rejects.push({
            rowNumber: record.rowNumber,
            column: guarded.column,
            value: guarded.value,
            reason: guarded.reason,
          });
          return null;
        },
    items: BATCH_ITEMS,
    maxWeight: BATCH_CHARS,
    weigh: (line: string) => line.length,
  };
}

/** The workspace's hard ID types (a customer is keyed by its hard ID), read on a connection of its own. */
function hardIdTypes(context: DestinationContext): Set<string> {
  const db = new BetterSqlite3(join(context.workspaceDir, DATABASE_FILE), {
    readonly: true,
    fileMustExist: true,
    ...(context.nativeBinding ? { nativeBinding: context.nativeBinding } : {}),
  });
  try {
    return new Set(db.prepare("SELECT name FROM id_types WHERE kind = 'hard'").pluck().all() as string[]);
  } finally {
    db.close();
  }
}
