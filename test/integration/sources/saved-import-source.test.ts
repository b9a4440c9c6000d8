import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { importFile } from '../../../src-main/services/runs/import-file';
import type { ConnectionSummary } from '../../../src-shared/model/connection';
import type { ResyncResult } from '../../../src-shared/model/import-definition';
import { makeTestRuntime, requestsOf } from '../../support/runtime';
import { makeTempDir } from '../../support/temp-dir';
import { quick } from '../runs/run-helpers';

// What a saved import's remote source does after it was saved: "Resync with source" tells which
// columns a database table gained (not mapped yet) and lost, changing nothing; and Save refuses a
// storage rule that would now read more than 200 files, as its run would.

const temp = makeTempDir();
const runtime = makeTestRuntime();
afterAll(async () => {
  await runtime.dispose();
  temp.remove();
});

const call = requestsOf(runtime);

describe('Resync with source', () => {
  it('names the columns a table gained and lost since the import was saved, and changes nothing', async () => {
    const path = join(temp.dir, 'shop.sqlite');
    const shop = new BetterSqlite3(path);
    shop.exec(`CREATE TABLE buyers (email TEXT, visits INTEGER);
      INSERT INTO buyers VALUES ('ann@example.com', 3), ('bob@example.com', 5);`);
    const connection = await call<ConnectionSummary>('connections:create', {
      name: 'Shop file',
      settings: { kind: 'sqlite', path },
    });
    const { definition, run } = await importFile(runtime, {
      source: { kind: 'sql', connectionId: connection.id, query: 'SELECT * FROM buyers' },
      quick: quick('customers', { ids: ['email=email_id'] }),
      name: 'buyers',
    });
    expect((await runtime.runs.settled(run.id)).status).toBe('succeeded');
    expect(await call<ResyncResult>('imports:resync', { importId: definition.id })).toMatchObject({
      columns: ['email', 'visits'],
      newColumns: [],
      goneColumns: [],
    });

    shop.exec('ALTER TABLE buyers ADD COLUMN city TEXT; ALTER TABLE buyers DROP COLUMN visits;');
    shop.close();
    const resynced = await call<ResyncResult>('imports:resync', { importId: definition.id });
    expect(resynced).toMatchObject({
      columns: ['email', 'city'],
      newColumns: ['city'],
      goneColumns: ['visits'],
    });
    // The import is as it was saved.
    expect(await call<{ header: string[] }>('imports:get', { importId: definition.id })).toMatchObject({
      header: ['email', 'visits'],
    });
  });
});

const env = process.env;
// Skipped when the global setup could not start sshd (it needs root to add the test users).
describe.skipIf(!env.INTAKE_TEST_SFTP_PORT)('Saving a storage import', () => {
  it("refuses 'all' once more than 200 files match, naming the count, and keeps the saved import", async () => {
    const area = join(env.INTAKE_TEST_SFTP_AREA!, 'save-limit');
    mkdirSync(area, { recursive: true });
    for (let i = 0; i < 200; i++) {
      writeFileSync(join(area, `part_${String(i).padStart(3, '0')}.csv`), `email\np${i}@example.com\n`);
    }
    const connection = await call<ConnectionSummary>('connections:create', {
      name: 'Drop folder',
      settings: {
        kind: 'sftp',
        host: '127.0.0.1',
        port: Number(env.INTAKE_TEST_SFTP_PORT),
        user: env.INTAKE_TEST_SFTP_USER,
        hostKeySha256: env.INTAKE_TEST_SFTP_HOST_KEY,
      },
      secret: env.INTAKE_TEST_SFTP_PASSWORD,
    });
    const { definition, run } = await importFile(runtime, {
      source: {
        kind: 'storage',
        connectionId: connection.id,
        path: `${env.INTAKE_TEST_SFTP_FOLDER}/save-limit`,
        match: '/^part_[0-9]+\\.csv$/',
        select: 'all',
      },
      quick: quick('customers', { ids: ['email=email_id'] }),
      name: 'all parts',
    });
    expect((await runtime.runs.settled(run.id)).rows.read).toBe(200);

    writeFileSync(join(area, 'part_200.csv'), 'email\np200@example.com\n');
    const saved = {
      id: definition.id,
      name: definition.name,
      sourceId: definition.source!.id,
      dialect: definition.dialect,
      header: definition.header,
      mapping: definition.mapping,
    };
    const refused = await dispatch(runtime.handlers, 'imports:save', saved);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'LIMIT',
        message: expect.stringMatching(/201 files match in Drop folder:.* over the 200-file limit of 'all'/),
      },
    });
    expect(await call<{ updatedAt: string }>('imports:get', { importId: definition.id })).toMatchObject({
      updatedAt: definition.updatedAt,
    });
  });
});
