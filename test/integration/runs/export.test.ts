import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createRuntime } from '../../../src-main/host/runtime';
import { partialExportPath } from '../../../src-main/services/destinations/file/file-destination';
import { exportFile, type ImportFileRequest } from '../../../src-main/services/runs/import-file';
import { insertRun, runDestination } from '../../../src-main/services/runs/run-repository';
import type { ExportFormat } from '../../../src-shared/model/destination';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import type { Run, RunProgress } from '../../../src-shared/model/run';
import { importAndWait, rows, writeFixture } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { countOf, countsOf, dumpTable, editColumn, quick, recipeFor, rejectsOf } from './run-helpers';

// The cleaned-data export (a run whose destination is a file): the exact bytes of a CSV (header,
// RFC 4180 quoting, CRLF, formulas defused, numbers and times as Intake writes them), NDJSON's typed
// values, an events export's columns, a cancel or a failure that leaves no file, and that an export
// is a run in the history, never an import and never a write to the workspace's data.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

/** Queues an export of `request` to `path` and waits for its run. */
async function exportAndWait(request: ImportFileRequest, format: ExportFormat, path: string): Promise<Run> {
  const { run } = await exportFile(runtime, { ...request, destination: { kind: 'file', path, format } });
  return runtime.runs.settled(run.id);
}

/** An email as an export writes it by default: SHA-256 (hex) of it, trimmed and lowercased. */
const sha256 = (email: string) => createHash('sha256').update(email).digest('hex');

/** A fresh folder for one export, so a listing shows everything the run left in it. */
function exportFolder(name: string): string {
  const folder = join(temp.dir, name);
  mkdirSync(folder);
  return folder;
}

// Every data type, and text that needs quoting (quotes, commas, CR/LF inside a cell), defusing
// (= + - @, a tab, a CR first) or more than ASCII. Row 5 has no customer ID.
const CUSTOMERS =
  'registered,email,name,note,score,active,birthday,seen_at,tags,profile\n' +
  'u1,ann@example.com,"Ann ""The Hammer"", Jr.","line one\r\nline two\nline three",-5,true,1990-02-28,2026-03-01T10:15:30.5+02:00,"[""a"",""b""]","{""b"":1,""a"":[true,null]}"\n' +
  '@u2,bob@example.com,=1+2,+SUM(A1:A9),3.25,FALSE,2000-01-05,2026-01-01T00:00:00Z,"[""=cmd"",""x,y""]","{""k"":""@v""}"\n' +
  'u3,,-minus,@mention,-0.5,0,,,,\n' +
  ',,Nobody,no id,1,true,2020-01-01,2026-01-01T00:00:00Z,[],{}\n' +
  'u4,jiří@example.cz,"\tTabbed Žluťoučký kůň 🐎","\rCR first",1e3,1,2024-02-29,2026-06-30 23:59:59,"[1,true,""ü""]",[]\n';

const TYPES = [
  ['name', 'text'],
  ['note', 'long_text'],
  ['score', 'number'],
  ['active', 'boolean'],
  ['birthday', 'date'],
  ['seen_at', 'datetime'],
  ['tags', 'list'],
  ['profile', 'json'],
] as const;

/** The customers file's export request: `email` is an email_id, each column typed as TYPES says. */
async function customersRequest(name: string): Promise<ImportFileRequest> {
  const file = writeFixture(temp.dir, `${name}.csv`, CUSTOMERS);
  const recipe = await recipeFor(
    runtime,
    file,
    quick('customers', { ids: ['email=email_id'] }),
    // These exports are about encoding: the email is written as it is (the per-column switch the
    // mapping grid offers); the events export below shows personal data hashed, the default.
    (mapping) =>
      TYPES.reduce<ImportMapping>(
        (next, [column, type]) => editColumn(next, column, { type }),
        editColumn(mapping, 'email', { hashPersonal: false }),
      ),
    name,
  );
  return { file, recipe };
}

/** The rejected row of CUSTOMERS, as the run keeps it. */
const NO_ID_REJECT = { row_number: 5, column_name: 'registered', value: '', reason: 'No valid customer ID' };

describe('CSV export', () => {
  it('writes UTF-8 with a header, RFC 4180 quoting and CRLF; defuses text formulas but not negative numbers; leaves rejected rows out', async () => {
    const out = join(exportFolder('csv'), 'customers.csv');
    const run = await exportAndWait(await customersRequest('csv'), 'csv', out);

    expect(countsOf(run)).toEqual({
      read: 5,
      imported: 4,
      updated: 0,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run)).toEqual([NO_ID_REJECT]);
    // Written out by hand: IDs by ID type first (email → email_id), then the attributes; a quoted
    // cell keeps its CR/LF; "" inside quotes; a CR or tab first is defused inside the cell; a
    // datetime with an offset is UTC with microseconds; lists and JSON as compact JSON in source order.
    const expected =
      'registered,email_id,name,note,score,active,birthday,seen_at,tags,profile\r\n' +
      'u1,ann@example.com,"Ann ""The Hammer"", Jr.","line one\r\nline two\nline three",-5,true,1990-02-28,2026-03-01T08:15:30.500000Z,"[""a"",""b""]","{""b"":1,""a"":[true,null]}"\r\n' +
      '\'@u2,bob@example.com,\'=1+2,\'+SUM(A1:A9),3.25,false,2000-01-05,2026-01-01T00:00:00.000000Z,"[""=cmd"",""x,y""]","{""k"":""@v""}"\r\n' +
      "u3,,'-minus,'@mention,-0.5,false,,,,\r\n" +
      'u4,jiří@example.cz,\'\tTabbed Žluťoučký kůň 🐎,"\'\rCR first",1000,true,2024-02-29,2026-06-30T23:59:59.000000Z,"[1,true,""ü""]",[]\r\n';
    const bytes = readFileSync(out);
    // Byte for byte: UTF-8 without a BOM (a BOM would show as three bytes first).
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(bytes.toString('utf8')).toBe(expected);
    expect(bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    // The rejected row's values are nowhere in the file.
    expect(bytes.toString('utf8')).not.toMatch(/Nobody|no id/);
    // Only the export is left in its folder: the temporary file was renamed to it.
    expect(readdirSync(join(temp.dir, 'csv'))).toEqual(['customers.csv']);
  });
});

describe('NDJSON export', () => {
  it('writes one JSON object per line with typed values: numbers, booleans, lists as arrays, JSON as objects, ISO dates and UTC datetimes', async () => {
    const out = join(exportFolder('ndjson'), 'customers.ndjson');
    const run = await exportAndWait(await customersRequest('ndjson'), 'ndjson', out);

    expect(countsOf(run)).toEqual({
      read: 5,
      imported: 4,
      updated: 0,
      deduplicated: 0,
      rejected: 1,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run)).toEqual([NO_ID_REJECT]);
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(4);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    // NDJSON is read by programs, not spreadsheets: text is exactly as read, nothing defused.
    expect(records).toEqual([
      {
        registered: 'u1',
        email_id: 'ann@example.com',
        name: 'Ann "The Hammer", Jr.',
        note: 'line one\r\nline two\nline three',
        score: -5,
        active: true,
        birthday: '1990-02-28',
        seen_at: '2026-03-01T08:15:30.500000Z',
        tags: ['a', 'b'],
        profile: { b: 1, a: [true, null] },
      },
      {
        registered: '@u2',
        email_id: 'bob@example.com',
        name: '=1+2',
        note: '+SUM(A1:A9)',
        score: 3.25,
        active: false,
        birthday: '2000-01-05',
        seen_at: '2026-01-01T00:00:00.000000Z',
        tags: ['=cmd', 'x,y'],
        profile: { k: '@v' },
      },
      {
        registered: 'u3',
        email_id: null,
        name: '-minus',
        note: '@mention',
        score: -0.5,
        active: false,
        birthday: null,
        seen_at: null,
        tags: null,
        profile: null,
      },
      {
        registered: 'u4',
        email_id: 'jiří@example.cz',
        name: '\tTabbed Žluťoučký kůň 🐎',
        note: '\rCR first',
        score: 1000,
        active: true,
        birthday: '2024-02-29',
        seen_at: '2026-06-30T23:59:59.000000Z',
        tags: [1, true, 'ü'],
        profile: [],
      },
    ]);
    // Keys in the export's column order; a JSON value's own keys in the source's order.
    for (const record of records) {
      expect(Object.keys(record)).toEqual([
        'registered',
        'email_id',
        'name',
        'note',
        'score',
        'active',
        'birthday',
        'seen_at',
        'tags',
        'profile',
      ]);
    }
    expect(JSON.stringify(records[0]!.profile)).toBe('{"b":1,"a":[true,null]}');
  });
});

describe('events export', () => {
  const EVENTS_FILE =
    'email,at,event_type,price\n' +
    'ann@example.com,2026-01-02T03:04:05.123456+01:00,refund,12.5\n' +
    'bob@example.com,1700000000,=cmd,-3\n' +
    ',2026-01-01T00:00:00Z,x,1\n' +
    'cy@example.com,yesterday,x,1\n';
  const flags = quick('events', {
    eventType: 'purchase',
    ids: ['email=email_id'],
    timestamp: 'at',
    statics: ['source=Import_test'],
  });

  it('puts event_type first, then the IDs, the timestamp as ISO UTC, the attributes and static columns; a repeated name gets " (2)"', async () => {
    const file = writeFixture(temp.dir, 'events.csv', EVENTS_FILE);
    const out = join(exportFolder('events'), 'events.csv');
    const run = await exportAndWait({ file, quick: flags }, 'csv', out);

    expect(countsOf(run)).toEqual({
      read: 4,
      imported: 2,
      updated: 0,
      deduplicated: 0,
      rejected: 2,
      skipped: 0,
    });
    expect(rejectsOf(runtime, run)).toEqual([
      { row_number: 4, column_name: 'email', value: '', reason: 'No valid customer ID' },
      { row_number: 5, column_name: 'at', value: 'yesterday', reason: 'Unparsable timestamp in "at"' },
    ]);
    // 1700000000 s after the epoch is 2023-11-14 22:13:20 UTC; +01:00 is an hour ahead of UTC. The
    // email leaves hashed (the PII guardrail's default).
    expect(readFileSync(out, 'utf8')).toBe(
      'event_type,email_id,timestamp,event_type (2),price,source\r\n' +
        `purchase,${sha256('ann@example.com')},2026-01-02T02:04:05.123456Z,refund,12.5,Import_test\r\n` +
        `purchase,${sha256('bob@example.com')},2023-11-14T22:13:20.000000Z,'=cmd,-3,Import_test\r\n`,
    );
    expect(new Date(1_700_000_000_000).toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });

  it('as NDJSON: the same columns in the same order, the timestamp as ISO UTC text', async () => {
    const file = writeFixture(temp.dir, 'events-ndjson.csv', EVENTS_FILE);
    const out = join(exportFolder('events-ndjson'), 'events.ndjson');
    countsOf(await exportAndWait({ file, quick: flags }, 'ndjson', out));

    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((record) => Object.entries(record))).toEqual([
      [
        ['event_type', 'purchase'],
        ['email_id', sha256('ann@example.com')],
        ['timestamp', '2026-01-02T02:04:05.123456Z'],
        ['event_type (2)', 'refund'],
        ['price', 12.5],
        ['source', 'Import_test'],
      ],
      [
        ['event_type', 'purchase'],
        ['email_id', sha256('bob@example.com')],
        ['timestamp', '2023-11-14T22:13:20.000000Z'],
        ['event_type (2)', '=cmd'],
        ['price', -3],
        ['source', 'Import_test'],
      ],
    ]);
  });
});

describe('an export that does not finish', () => {
  it('cancelled while processing leaves no file at the target and no temporary file beside it', async () => {
    const ROWS = 300_000;
    const lines = ['registered,email,first_name,score'];
    for (let i = 0; i < ROWS; i++) lines.push(`u${i},user${i}@example.com,Name ${i},${i % 1000}`);
    const file = writeFixture(temp.dir, 'big.csv', `${lines.join('\n')}\n`);
    const folder = exportFolder('cancelled');
    const out = join(folder, 'big.csv');

    const { run } = await exportFile(runtime, {
      file,
      quick: quick('customers', { ids: ['email=email_id'] }),
      destination: { kind: 'file', path: out, format: 'csv' },
    });
    let seen: RunProgress | null = null;
    let midway: string[] = [];
    await new Promise<void>((resolve) => {
      const unsubscribe = runtime.bus.subscribe((event) => {
        const payload = event.payload as RunProgress;
        if (
          event.name === 'runs:progress' &&
          payload.runId === run.id &&
          payload.status === 'processing' &&
          payload.processing.rows > 0
        ) {
          seen = payload;
          midway = readdirSync(folder);
          unsubscribe();
          resolve();
        }
      });
    });
    // The run had written some rows, not all, when it was cancelled: into a hidden temporary file.
    expect(seen!.processing.rows).toBeLessThan(ROWS);
    expect(midway).toEqual([expect.stringMatching(/^\.big\.csv\..+\.partial$/)]);
    const cancelled = await runtime.runs.cancel(run.id);

    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.error?.code).toBe('CANCELLED');
    expect(cancelled.rows.imported).toBe(0);
    expect(rows(runtime, 'SELECT COUNT(*) AS n FROM run_rejects WHERE run_id = ?', run.id)).toEqual([
      { n: 0 },
    ]);
    expect(existsSync(out)).toBe(false);
    // Nothing at all is left in the folder: no `.big.csv.<run>.partial`.
    expect(readdirSync(folder)).toEqual([]);
  });

  it('fails with a coded IO error naming the path when the target folder does not exist, and leaves nothing', async () => {
    const request = await customersRequest('no-folder');
    const missing = join(temp.dir, 'no-such-folder');
    const out = join(missing, 'customers.csv');
    const run = await exportAndWait(request, 'csv', out);

    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('IO');
    expect(run.error?.message).toContain(out);
    expect(run.error?.details).toMatchObject({ path: out, errno: 'ENOENT' });
    expect(run.rows).toMatchObject({ imported: 0, rejected: 0 });
    expect(rejectsOf(runtime, run)).toEqual([]);
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(temp.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
  it('interrupted by a crash: the next start deletes its half-written file and marks it interrupted', async () => {
    const folder = exportFolder('crashed');
    const target = join(folder, 'out.csv');
    const workspaceDir = join(temp.dir, 'crashed-workspace');
    const first = createRuntime({ workspaceDir, shell: 'web', echo: () => undefined });
    const runId = insertRun(first.workspace.db, {
      importId: null,
      importName: 'x',
      importType: 'customers',
      sourceName: 'x.csv',
      bytesTotal: 1,
      destination: { kind: 'file', path: target, format: 'csv' },
    }).id;
    // As a process killed mid-export leaves it: processing, owned by a process that is gone.
    first.workspace.db
      .prepare("UPDATE runs SET status = 'processing', owner_pid = 999999 WHERE id = ?")
      .run(runId);
    writeFileSync(partialExportPath(target, runId), 'registered\r\nhalf');
    await first.close();
    const second = createRuntime({ workspaceDir, shell: 'web', echo: () => undefined });
    try {
      expect(readdirSync(folder)).toEqual([]);
      expect(second.runs.get(runId)).toMatchObject({ status: 'failed', error: { code: 'INTERRUPTED' } });
    } finally {
      await second.close();
    }
  });
});

describe('an export is not an import', () => {
  it('is kept in the run history with destination "file", saves no import and writes nothing to the data tables', async () => {
    // Customers already in the workspace, some with the IDs the export reads.
    const existing = writeFixture(
      temp.dir,
      'existing.csv',
      'registered,email,name\nu1,ann@example.com,Old Ann\nu9,zed@example.com,Zed\n',
    );
    countsOf(
      await importAndWait(runtime, {
        file: existing,
        quick: quick('customers', { ids: ['email=email_id'] }),
        name: 'existing customers',
      }),
    );
    const dataTables = rows<{ name: string }>(
      runtime,
      "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    ).map((table) => table.name);
    expect(dataTables).toEqual(expect.arrayContaining(['customers', 'customer_ids', 'customer_attributes']));
    const snapshot = () => Object.fromEntries(dataTables.map((table) => [table, dumpTable(runtime, table)]));
    const before = snapshot();
    const importsBefore = dumpTable(runtime, 'imports');
    const customersBefore = countOf(runtime, 'customers');
    expect(customersBefore).toBe(2);

    const out = join(exportFolder('not-import'), 'customers.csv');
    const request = await customersRequest('not-an-import');
    // Another connection holds the data database's write lock the whole time: an export never
    // needs it (a workspace run would wait for it).
    const other = new BetterSqlite3(runtime.workspace.databasePath);
    other.exec('BEGIN IMMEDIATE');
    let run: Run;
    try {
      run = await exportAndWait(request, 'csv', out);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }

    expect(countsOf(run)).toMatchObject({ read: 5, imported: 4, rejected: 1 });
    expect(existsSync(out)).toBe(true);
    expect(dumpTable(runtime, 'imports')).toEqual(importsBefore);
    expect(rows(runtime, "SELECT COUNT(*) AS n FROM imports WHERE name LIKE 'not-an-import%'")).toEqual([
      { n: 0 },
    ]);
    expect(snapshot()).toEqual(before);
    expect(countOf(runtime, 'customers')).toBe(customersBefore);
    expect(rows(runtime, "SELECT COUNT(*) AS n FROM customer_ids WHERE value IN ('u3', 'u4')")).toEqual([
      { n: 0 },
    ]);

    const stored = runtime.runs.get(run.id);
    expect(stored).toMatchObject({
      importId: null,
      importName: 'not-an-import → CSV export',
      importType: 'customers',
      status: 'succeeded',
      destination: 'file',
    });
    expect(runDestination(runtime.workspace.db, run.id)).toEqual({ kind: 'file', path: out, format: 'csv' });
    expect(rows(runtime, 'SELECT id, import_id FROM runs WHERE id = ?', run.id)).toEqual([
      { id: run.id, import_id: null },
    ]);
  });
});
