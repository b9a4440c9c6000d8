import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_FILE } from '../../../src-main/services/workspace/workspace-files';
import {
  PRELOAD_ONLY_REQUESTS,
  rendererRequestNames,
  type IntakeApi,
  type IntakeFiles,
} from '../../../src-shared/contract';
import { plainColumn } from '../../../src-shared/mapping/initial-mapping';
import { setIdType, setRole } from '../../../src-shared/mapping/mapping-edits';
import type { DatasetProgress } from '../../../src-shared/model/dataset';
import { defaultImportOptions, type ImportMapping } from '../../../src-shared/model/mapping';
import type { RunProgress } from '../../../src-shared/model/run';
import { loadPreload, type PreloadSandbox } from '../../support/electron/preload-sandbox';
import {
  codeOf,
  dataOf,
  RENDERER_FRAME,
  shellFolders,
  startShell,
  type ShellProcess,
} from '../../support/electron/shell-process';

// How files reach the built shell (see shell.test.ts for the set-up): a dropped File only through
// the preload (window.intakeFiles, webUtils.getPathForFile → sources:addPath), never as a path page
// script names; a picked file through the Open dialog; an export's target through the Save dialog.

const folders = shellFolders();
const filesDir = join(folders.dir, 'files');
let shell: ShellProcess;
/** The built preload, its ipcRenderer wired to the shell's ipcMain as the renderer's own frame. */
let preload: PreloadSandbox;
let intake: IntakeApi;
let intakeFiles: IntakeFiles;

/** Writes a data file the user could drop or pick. */
function dataFile(name: string, text: string): string {
  const path = join(filesDir, name);
  writeFileSync(path, text);
  return path;
}

/** The workspace's registered sources, read from its database by another connection. */
function sourceRows(): { name: string; spec: string }[] {
  const db = new BetterSqlite3(join(folders.workspaceDir, CONTROL_FILE), { readonly: true });
  try {
    return db.prepare('SELECT name, spec FROM sources ORDER BY rowid').all() as {
      name: string;
      spec: string;
    }[];
  } finally {
    db.close();
  }
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

describe('the preload', () => {
  it("exposes the contract's renderer requests and an addFile, and nothing that takes a path", () => {
    expect(Object.keys(preload.exposed)).toEqual(['intake', 'intakeFiles']);
    expect(preload.required).toEqual(['electron']);
    expect(intake.shell).toBe('electron');
    const exposedRequests = Object.keys(intake.request);
    expect([...exposedRequests].sort()).toEqual([...rendererRequestNames].sort());
    for (const name of PRELOAD_ONLY_REQUESTS) expect(exposedRequests).not.toContain(name);
    expect(Object.keys(intakeFiles)).toEqual(['addFile']);
  });

  it('sends each request on its own channel with the payload as given', async () => {
    const recording = loadPreload(async () => ({ ok: true, data: null }));
    const api = recording.exposed.intake as {
      request: Record<string, (payload: unknown) => Promise<unknown>>;
    };
    for (const name of rendererRequestNames) await api.request[name]!({ marker: name });
    expect(recording.invoked).toEqual(
      rendererRequestNames.map((name) => ({ channel: name, payload: { marker: name } })),
    );
  });

  it("listens to the contract's events only, and stops when asked", () => {
    const heard: unknown[] = [];
    const stop = intake.on('menu:command', (command) => heard.push(command));
    preload.push('menu:command', 'about');
    expect(heard).toEqual(['about']);
    stop();
    expect(preload.listenerCount('menu:command')).toBe(0);
    preload.push('menu:command', 'new-import');
    expect(heard).toEqual(['about']);
    const on = intake.on as (name: string, listener: () => void) => () => void;
    expect(() => on('sources:addPath', () => undefined)).toThrow(/Unknown event "sources:addPath"/);
  });

  it('registers a dropped file by the path webUtils gives, through sources:addPath, and the source reads', async () => {
    const path = dataFile('dropped.csv', 'registered,name\nu1,Ann\nu2,Bob\n');
    const file = new File([readFileSync(path)], 'dropped.csv', { type: 'text/csv' });
    preload.setPath(file, path);
    const invokedBefore = preload.invoked.length;
    const source = dataOf(await intakeFiles.addFile(file));
    expect(preload.invoked.slice(invokedBefore)).toEqual([{ channel: 'sources:addPath', payload: { path } }]);
    expect(source).toMatchObject({ kind: 'file', name: 'dropped.csv', size: 30 });
    expect(sourceRows().at(-1)).toEqual({
      name: 'dropped.csv',
      spec: JSON.stringify({ kind: 'file', path }),
    });
    const preview = dataOf(await intake.request['sources:preview']({ sourceId: source.id }));
    expect(preview.header).toEqual(['registered', 'name']);
    expect(preview.rows).toEqual([
      ['u1', 'Ann'],
      ['u2', 'Bob'],
    ]);
  });

  it('refuses a File that is not on disk (webUtils gives no path)', async () => {
    const sources = sourceRows().length;
    const result = await intakeFiles.addFile(new File(['id\n1\n'], 'made-up.csv'));
    expect(codeOf(result)).toBe('VALIDATION');
    expect(sourceRows()).toHaveLength(sources);
  });
});

describe('dialogs', () => {
  it('sources:choose opens the Open dialog on the focused window and registers the files chosen', async () => {
    const chosen = [dataFile('a.csv', 'id\n1\n'), dataFile('b.xml', '<rows><row id="1"/></rows>')];
    await shell.focus(1);
    await shell.answerDialog('showOpenDialog', { canceled: false, filePaths: chosen });
    const sources = dataOf(await intake.request['sources:choose']({}));
    expect(sources.map((source) => source.name)).toEqual(['a.csv', 'b.xml']);
    expect((await shell.record()).dialogs.at(-1)).toEqual({
      method: 'showOpenDialog',
      windowId: 1,
      options: {
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'xml', 'xlsx'] },
          { name: 'All files', extensions: ['*'] },
        ],
      },
    });
  });

  it('a cancelled Open dialog registers nothing; with no focused window the dialog has no parent', async () => {
    const sources = sourceRows().length;
    await shell.focus(null);
    await shell.answerDialog('showOpenDialog', { canceled: true, filePaths: [] });
    expect(dataOf(await intake.request['sources:choose']({}))).toEqual([]);
    expect((await shell.record()).dialogs.at(-1)).toMatchObject({ method: 'showOpenDialog', windowId: null });
    expect(sourceRows()).toHaveLength(sources);
    await shell.focus(1);
  });

  it('exports:start asks where to save; cancelled it starts nothing, chosen the run writes there', async () => {
    const path = dataFile('customers.csv', 'registered,name\nu1,Ann\nu2,Bob\n');
    const file = new File([readFileSync(path)], 'customers.csv');
    preload.setPath(file, path);
    const source = dataOf(await intakeFiles.addFile(file));
    const dataset = dataOf(await intake.request['datasets:stage']({ sourceId: source.id }));
    await shell.waitForSent(
      ({ channel, payload }) =>
        channel === 'datasets:progress' &&
        (payload as DatasetProgress).datasetId === dataset.id &&
        (payload as DatasetProgress).status === 'ready',
    );
    // registered is the customer ID (of ID type registered), name an attribute: the mapping step's edits.
    const plain: ImportMapping = {
      importType: 'customers',
      options: defaultImportOptions(),
      columns: [plainColumn('registered', 'text'), plainColumn('name', 'text')],
      statics: [],
    };
    const mapping = setIdType(setRole(plain, 0, 'id', []), 0, 'registered');
    const request = { datasetId: dataset.id, mapping, name: 'customers.csv' };

    for (const format of ['csv', 'ndjson'] as const) {
      await shell.answerDialog('showSaveDialog', { canceled: true, filePath: '' });
      expect(dataOf(await intake.request['exports:start']({ ...request, format }))).toEqual({
        started: null,
      });
      expect((await shell.record()).dialogs.at(-1)).toEqual({
        method: 'showSaveDialog',
        windowId: 1,
        options: {
          defaultPath: `customers.${format}`,
          filters: [{ name: format.toUpperCase(), extensions: [format] }],
        },
      });
    }
    expect(dataOf(await intake.request['runs:list']({}))).toEqual([]);

    const target = join(folders.dir, 'saved', 'clean customers.csv');
    mkdirSync(join(folders.dir, 'saved'));
    await shell.answerDialog('showSaveDialog', { canceled: false, filePath: target });
    const { started } = dataOf(await intake.request['exports:start']({ ...request, format: 'csv' }));
    expect(started).toMatchObject({ fileName: 'customers.csv', format: 'csv', download: false });
    const ended = await shell.waitForSent(
      ({ channel, payload }) =>
        channel === 'runs:progress' &&
        (payload as RunProgress).runId === started!.run.id &&
        ['succeeded', 'failed', 'cancelled'].includes((payload as RunProgress).status),
    );
    expect((ended.payload as RunProgress).status).toBe('succeeded');
    expect(readFileSync(target, 'utf8')).toBe('registered,name\r\nu1,Ann\r\nu2,Bob\r\n');
  });
});
