import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { dispatch } from '../../../src-main/host/dispatch';
import { createRuntime, type Runtime } from '../../../src-main/host/runtime';
import type { QuickImportFlags } from '../../../src-main/services/runs/quick-mapping';
import { createKeyringStore } from '../../../src-main/services/secrets/keyring-store';
import { registerFile } from '../../../src-main/services/sources/register-file';
import type { ConnectionSettings, ConnectionSummary } from '../../../src-shared/model/connection';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { Run } from '../../../src-shared/model/run';
import { makeTempDir } from '../../support/temp-dir';
import { recipeFor } from '../runs/run-helpers';

// The PostgreSQL destination's tests get a database and a login role of their own on the test
// server (test/servers/sql-setup.mjs), a runtime with a keychain of its own, and a saved
// connection to that database; rows are read back as the server's text, exactly.

const env = process.env;
export const pgPort = Number(env.INTAKE_TEST_PG_PORT ?? 0);
const host = env.INTAKE_TEST_PG_HOST ?? '127.0.0.1';

const admin = (database: string): pg.ClientConfig => ({
  host,
  port: pgPort,
  user: env.INTAKE_TEST_PG_ADMIN_USER,
  password: env.INTAKE_TEST_PG_ADMIN_PASSWORD,
  database,
});

/** Runs statements one by one as the administrator (CREATE and DROP DATABASE refuse a transaction). */
async function asAdmin(database: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client(admin(database));
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The harness of one test file: its database, role, runtime and connection. */
export interface PostgresHarness {
  runtime: Runtime;
  database: string;
  role: string;
  settings: ConnectionSettings;
  password: string;
  connectionId: string;
  /** Rows as arrays of the server's text (timestamps in UTC), as the administrator. */
  query(sql: string, values?: unknown[]): Promise<(string | null)[][]>;
  /** A table's columns as "name type", in order. */
  columns(schema: string, table: string): Promise<string[]>;
  /** Runs a file through the real pipeline (stage, map, process in a worker) into `schema`. */
  load(
    file: string,
    flags: QuickImportFlags,
    schema: string,
    edit?: (mapping: ImportMapping) => ImportMapping,
  ): Promise<Run>;
  setup(): Promise<void>;
  dispose(): Promise<void>;
}

export function postgresHarness(): PostgresHarness {
  const suffix = randomBytes(4).toString('hex');
  const database = `intake_pgdest_${suffix}`;
  const role = `pgdest_${suffix}`;
  const password = randomUUID();
  const temp = makeTempDir();
  const secrets = createKeyringStore({ serviceSuffix: `-test-${randomUUID()}` });
  const runtime = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined, secrets });
  const settings: ConnectionSettings = { kind: 'postgres', host, port: pgPort, user: role, database };
  let loads = 0;
  const harness: PostgresHarness = {
    runtime,
    database,
    role,
    settings,
    password,
    connectionId: '',
    async query(sql, values = []) {
      const client = new pg.Client({
        ...admin(database),
        options: '-c TimeZone=UTC',
        types: { getTypeParser: () => (text: string) => text },
      });
      await client.connect();
      try {
        return (await client.query({ text: sql, values, rowMode: 'array' })).rows as (string | null)[][];
      } finally {
        await client.end();
      }
    },
    async columns(schema, table) {
      const found = await harness.query(
        `SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
          WHERE a.attrelid = format('%I.%I', $1::text, $2::text)::regclass AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum`,
        [schema, table],
      );
      return found.map((row) => row[0]!);
    },
    async load(file, flags, schema, edit = (mapping) => mapping) {
      const name = `load ${++loads}`;
      const recipe = await recipeFor(runtime, file, flags, edit, name);
      const source = await registerFile(runtime.workspace.db, file);
      const run = runtime.runs.queue({
        importId: null,
        name,
        importType: recipe.mapping.importType,
        source,
        dialect: {},
        mapping: recipe.mapping,
        destination: { kind: 'postgres', connectionId: harness.connectionId, schema },
      });
      return runtime.runs.settled(run.id);
    },
    async setup() {
      const main = env.INTAKE_TEST_PG_DATABASE ?? 'intake';
      // The role owns its database: it may create schemas and tables there, and nothing elsewhere.
      await asAdmin(
        main,
        `CREATE ROLE ${role} LOGIN PASSWORD '${password}'`,
        `CREATE DATABASE ${database} OWNER ${role}`,
      );
      const result = await dispatch(
        runtime.handlers,
        'connections:create',
        { name: 'Warehouse', settings, secret: password },
        runtime.log,
      );
      if (!result.ok) throw new Error(`connections:create failed: ${result.error.message}`);
      harness.connectionId = (result.data as ConnectionSummary).id;
    },
    async dispose() {
      await runtime.close();
      temp.remove();
      const main = env.INTAKE_TEST_PG_DATABASE ?? 'intake';
      await asAdmin(main, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, `DROP ROLE IF EXISTS ${role}`);
    },
  };
  return harness;
}
