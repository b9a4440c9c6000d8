import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src-main/services/workspace/workspace-files';
import type { IntakeApi, IntakeFiles } from '../../../src-shared/contract';
import { plainColumn } from '../../../src-shared/mapping/initial-mapping';
import { addStatic, setIdType, setRole } from '../../../src-shared/mapping/mapping-edits';
import { defaultImportOptions, type ImportMapping } from '../../../src-shared/model/mapping';
import type { RunProgress } from '../../../src-shared/model/run';
import { loadPreload, type PreloadSandbox } from '../../support/electron/preload-sandbox';
import {
  dataOf,
  RENDERER_FRAME,
  shellFolders,
  startShell,
  type ShellProcess,
} from '../../support/electron/shell-process';

// "Run again with another file…" in the built desktop shell: the renderer's file picker gives a
// File, the preload resolves its path (webUtils → sources:addPath, as a drop does) and the run of
// the saved import reads that file in place; a static {file_name} column imports its name.

const folders = shellFolders();
const filesDir = join(folders.dir, 'files');
let shell: ShellProcess;
let preload: PreloadSandbox;
let intake: IntakeApi;
let intakeFiles: IntakeFiles;

/** A file the user picks, registered through the preload as the picker's File. */
async function pick(name: string, text: string) {
  const path = join(filesDir, name);
  writeFileSync(path, text);
  const file = new File([readFileSync(path)], name, { type: 'text/csv' });
  preload.setPath(file, path);
  return { path, source: dataOf(await intakeFiles.addFile(file)) };
}

async function ended(runId: string): Promise<RunProgress> {
  const message = await shell.waitForSent(
    ({ channel, payload }) =>
      channel === 'runs:progress' &&
      (payload as RunProgress).runId === runId &&
      ['succeeded', 'failed', 'cancelled'].includes((payload as RunProgress).status),
  );
  return message.payload as RunProgress;
}

beforeAll(async () => {
  mkdirSync(filesDir);
  shell = await startShell(folders);
  preload = loadPreload((channel, payload) => shell.invoke(channel, payload, RENDERER_FRAME));
  intake = preload.exposed.intake as IntakeApi;
  intakeFiles = preload.exposed.intakeFiles as IntakeFiles;
});

afterAll(() => {
  shell?.kill();
  folders.remove();
});

describe('Run again with another file, in the desktop shell', () => {
  it('reads the picked file in place with the saved mapping; the import keeps its own file', async () => {
    const first = await pick('customers_oct.csv', 'registered,name\nu1,Ann\n');
    const plain: ImportMapping = {
      importType: 'customers',
      options: defaultImportOptions(),
      columns: [plainColumn('registered', 'text'), plainColumn('name', 'text')],
      statics: [],
    };
    const mapping = addStatic(setIdType(setRole(plain, 0, 'id', []), 0, 'registered'), {
      name: 'file',
      value: '{file_name}',
      type: 'text',
    });
    const saved = dataOf(
      await intake.request['imports:save']({
        name: 'monthly customers',
        sourceId: first.source.id,
        dialect: {},
        header: ['registered', 'name'],
        mapping,
      }),
    );
    const firstRun = dataOf(await intake.request['runs:start']({ importId: saved.id }));
    expect((await ended(firstRun.id)).status).toBe('succeeded');

    const second = await pick('customers_nov.csv', 'registered,name\nu2,Bob\n');
    const run = dataOf(
      await intake.request['runs:start']({ importId: saved.id, sourceId: second.source.id }),
    );
    expect((await ended(run.id)).status).toBe('succeeded');
    expect(dataOf(await intake.request['runs:get']({ runId: run.id }))).toMatchObject({
      sourceName: 'customers_nov.csv',
      rows: { read: 1, imported: 1 },
    });
    const db = new BetterSqlite3(join(folders.workspaceDir, DATABASE_FILE), { readonly: true });
    try {
      const files = db
        .prepare(
          "SELECT v.value AS id, a.value AS file FROM customer_attributes a JOIN customer_ids v ON v.customer_id = a.customer_id WHERE a.name = 'file' ORDER BY v.value",
        )
        .all();
      expect(files).toEqual([
        { id: 'u1', file: '"customers_oct.csv"' },
        { id: 'u2', file: '"customers_nov.csv"' },
      ]);
    } finally {
      db.close();
    }
    // The file on the user's disk is theirs: read in place, never deleted; the import still reads its own.
    expect(existsSync(second.path)).toBe(true);
    const overview = dataOf(await intake.request['imports:overview']({}));
    expect(overview.find((entry) => entry.id === saved.id)?.source?.name).toBe('customers_oct.csv');
  });
});
