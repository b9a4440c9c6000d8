import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../src-main/host/dispatch';
import { createRuntime, type Runtime } from '../../../../src-main/host/runtime';
import { importFile } from '../../../../src-main/services/runs/import-file';
import { createKeyringStore } from '../../../../src-main/services/secrets/keyring-store';
import type { ResolvedConnection } from '../../../../src-main/services/sources/connections/resolved-connection';
import { testConnection } from '../../../../src-main/services/sources/connections/test-connection';
import type { SourceParts } from '../../../../src-main/services/sources/connectors/connector';
import { storageConnector } from '../../../../src-main/services/sources/connectors/storage';
import type { ConnectionSettings, ConnectionSummary } from '../../../../src-shared/model/connection';
import type { Run } from '../../../../src-shared/model/run';
import type { SelectionRule, SourceRef, StorageFileInfo } from '../../../../src-shared/model/source';
import type { Result } from '../../../../src-shared/result';
import { makeTempDir } from '../../../support/temp-dir';
import { quick } from '../../runs/run-helpers';
import type { StorageHarness } from './storage-harness';
import { refusedPort, silentServer, TcpProxy } from './tcp-proxy';

/** A test run against one storage system's real server (or, for GCS, the local fake). */
export interface StorageSuite {
  harness: StorageHarness;
  runtime(): Runtime;
  workspaceDir(): string;
  /** Saves a connection (its secret into the test keychain) and returns its id. */
  connect(name: string, settings?: ConnectionSettings, secret?: string | null): Promise<string>;
  /** `connections:test` on a saved connection: its recorded outcome. */
  test(id: string): Promise<NonNullable<ConnectionSummary['lastTest']>>;
  /** A connection as a connector gets it, for calls with short timeouts (not a saved one). */
  resolved(settings: ConnectionSettings, secret?: string | null): ResolvedConnection;
}

/** A CSV of customers `tag-0@example.test`…, `count` rows after the header. */
export function customersCsv(tag: string, count: number): string {
  let text = 'email,name\n';
  for (let i = 0; i < count; i++) text += `${tag}-${i}@example.test,Name ${i}\n`;
  return text;
}

/** The n-th minute of a fixed day: file times the tests set, whole seconds (s3rver keeps seconds). */
export function at(minute: number): Date {
  return new Date(Date.UTC(2026, 0, 15, 9, minute, 0));
}

/**
 * The behaviour every storage kind shares, against its real server: listing by pattern, each
 * selection rule, .gz files, runs over several files into one dataset, 'not imported yet' across
 * runs, the 200-file limit, and each failure with its code. `extra` adds the kind's own tests.
 */
export function describeStorage(harness: StorageHarness, extra?: (suite: StorageSuite) => void): void {
  // Skipped when the global setup could not start this kind's server (sshd needs root).
  describe.skipIf(!harness.available)(`file storage: ${harness.label}`, () => {
    const temp = makeTempDir();
    const secrets = createKeyringStore({ serviceSuffix: `-test-${randomUUID()}` });
    let runtime: Runtime;
    let connectionId: string;

    beforeAll(async () => {
      runtime = createRuntime({ workspaceDir: temp.dir, shell: 'web', echo: () => undefined, secrets });
      await harness.init();
      connectionId = await suite.connect('Storage');
    });
    afterAll(async () => {
      await runtime.close();
      await harness.dispose();
      temp.remove();
    });

    const suite: StorageSuite = {
      harness,
      runtime: () => runtime,
      workspaceDir: () => temp.dir,
      async connect(name, settings = harness.settings(), secret = harness.secret()) {
        const created = (await dispatch(runtime.handlers, 'connections:create', {
          name: `${name} ${randomUUID().slice(0, 8)}`,
          settings,
          ...(secret !== null ? { secret } : {}),
        })) as Result<ConnectionSummary>;
        if (!created.ok) throw new Error(`connections:create failed: ${created.error.message}`);
        return created.data.id;
      },
      async test(id) {
        const tested = (await dispatch(runtime.handlers, 'connections:test', {
          id,
        })) as Result<ConnectionSummary>;
        if (!tested.ok) throw new Error(`connections:test failed: ${tested.error.message}`);
        return tested.data.lastTest!;
      },
      resolved: (settings, secret = harness.secret()) => ({
        id: randomUUID(),
        name: 'Direct',
        settings,
        secret,
      }),
    };

    const addSource = async (
      spec: { path: string; match: string | null; select: SelectionRule },
      via = connectionId,
    ) =>
      (await dispatch(runtime.handlers, 'sources:add', {
        kind: 'storage',
        connectionId: via,
        ...spec,
      })) as Result<SourceRef>;
    const filesOf = async (sourceId: string, importId?: string) => {
      const listed = (await dispatch(runtime.handlers, 'sources:files', {
        sourceId,
        ...(importId ? { importId } : {}),
      })) as Result<StorageFileInfo[]>;
      return listed;
    };
    const importStorage = async (
      spec: { path: string; match: string | null; select: SelectionRule },
      name: string,
      via = connectionId,
    ): Promise<Run> => {
      const { run } = await importFile(runtime, {
        source: { kind: 'storage', connectionId: via, ...spec },
        quick: quick('customers', { ids: ['email=email_id'] }),
        name,
      });
      return runtime.runs.settled(run.id);
    };
    const customers = (tag: string) =>
      runtime.workspace.db
        .prepare("SELECT COUNT(*) FROM customer_ids WHERE id_type = 'email_id' AND value LIKE ?")
        .pluck()
        .get(`${tag}-%`) as number;
    const remembered = (importId: string | null) =>
      runtime.workspace.db
        .prepare('SELECT path, size, mtime FROM import_files WHERE import_id = ? ORDER BY path')
        .all(importId) as { path: string; size: number; mtime: string }[];

    it('lists the files a /regex/ matches in a folder, with size and time; a name without slashes is one file; a bad regex is refused', async () => {
      const folder = await harness.folder('listing');
      const contents: [string, string | Buffer][] = [
        ['export_1.csv', customersCsv('l1', 2)],
        ['export_10.csv', customersCsv('l10', 3)],
        ['export_2.csv.gz', gzipSync(customersCsv('l2', 4))],
        ['notes.txt', 'not a match\n'],
        // A file in a subfolder is not in the folder.
        ['deeper/export_3.csv', customersCsv('l3', 1)],
      ];
      for (const [index, [name, content]] of contents.entries())
        await harness.put(folder, name, content, at(index));

      const source = await addSource({
        path: folder,
        match: '/^export_[0-9]+\\.csv(\\.gz)?$/',
        select: 'all',
      });
      if (!source.ok) throw new Error(source.error.message);
      const listed = await filesOf(source.data.id);
      if (!listed.ok) throw new Error(listed.error.message);
      expect(listed.data.map((file) => [file.name, file.size, file.imported])).toEqual(
        contents.slice(0, 3).map(([name, content]) => [name, Buffer.byteLength(content), false]),
      );
      for (const [index, file] of listed.data.entries()) {
        if (harness.keepsMtime) expect(file.modifiedAt).toBe(at(index).toISOString());
        else expect(Math.abs(Date.parse(file.modifiedAt) - Date.now())).toBeLessThan(5 * 60_000);
      }

      const byName = await addSource({ path: folder, match: 'export_1.csv', select: 'all' });
      if (!byName.ok) throw new Error(byName.error.message);
      expect(
        ((await filesOf(byName.data.id)) as { data: StorageFileInfo[] }).data.map((f) => f.name),
      ).toEqual(['export_1.csv']);

      expect(await addSource({ path: folder, match: '/export_[0-9+\\.csv/', select: 'all' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(/is not a valid regular expression/) },
      });
    });

    it('reads the files each selection rule picks, in its order, into one dataset with rows per file; .gz decompressed', async () => {
      const folder = await harness.folder('rules');
      // Oldest to newest: a.csv, c.csv.gz, b.csv — the newest is not the last by name.
      const stored: Record<string, string | Buffer> = {
        'a.csv': customersCsv('ra', 3),
        'c.csv.gz': gzipSync(customersCsv('rc', 4)),
        'b.csv': customersCsv('rb', 2),
      };
      for (const [index, [name, content]] of Object.entries(stored).entries()) {
        await harness.put(folder, name, content, at(index));
      }
      const expected: Record<SelectionRule, [string, number][]> = {
        all: [
          ['a.csv', 3],
          ['b.csv', 2],
          ['c.csv.gz', 4],
        ],
        'last-modified': [['b.csv', 2]],
        'last-alphabetically': [['c.csv.gz', 4]],
        'not-imported-yet': [
          ['a.csv', 3],
          ['c.csv.gz', 4],
          ['b.csv', 2],
        ],
      };
      for (const [select, files] of Object.entries(expected) as [SelectionRule, [string, number][]][]) {
        const run = await importStorage(
          { path: folder, match: '/\\.csv(\\.gz)?$/', select },
          `rules ${select}`,
        );
        expect([select, run.status, run.error]).toEqual([select, 'succeeded', null]);
        expect([select, run.files.map((file) => [file.name, file.rows, file.size])]).toEqual([
          select,
          files.map(([name, rows]) => [name, rows, Buffer.byteLength(stored[name]!)]),
        ]);
        expect(run.rows.read).toBe(files.reduce((sum, [, rows]) => sum + rows, 0));
      }
      expect([customers('ra'), customers('rb'), customers('rc')]).toEqual([3, 2, 4]);
    });

    it("'not imported yet' reads only the file uploaded since the last run and remembers what it read", async () => {
      const folder = await harness.folder('incremental');
      await harness.put(folder, 'n1.csv', customersCsv('n1', 2), at(0));
      await harness.put(folder, 'n2.csv', customersCsv('n2', 3), at(1));
      const spec = { path: folder, match: '/^n[0-9]+\\.csv$/', select: 'not-imported-yet' as const };
      const first = await importStorage(spec, 'incremental');
      expect(first.status).toBe('succeeded');
      expect(first.files.map((file) => [file.name, file.rows])).toEqual([
        ['n1.csv', 2],
        ['n2.csv', 3],
      ]);
      const asRemembered = (run: Run) =>
        run.files.map((file) => ({ path: file.name, size: file.size, mtime: file.modifiedAt }));
      expect(remembered(first.importId)).toEqual(asRemembered(first));

      await harness.put(folder, 'n3.csv', customersCsv('n3', 4), at(2));
      const second = await runtime.runs.settled(runtime.runs.start(first.importId!).id);
      expect(second.status).toBe('succeeded');
      expect(second.files.map((file) => [file.name, file.rows])).toEqual([['n3.csv', 4]]);
      expect(second.rows.read).toBe(4);
      expect(remembered(first.importId)).toEqual([...asRemembered(first), ...asRemembered(second)]);
      // What the run remembered is what the listing says of the file.
      const source = await addSource(spec);
      if (!source.ok) throw new Error(source.error.message);
      const listed = (await filesOf(source.data.id, first.importId!)) as { data: StorageFileInfo[] };
      expect(listed.data.map((file) => [file.name, file.size, file.modifiedAt, file.imported])).toEqual(
        [...first.files, ...second.files].map((file) => [file.name, file.size, file.modifiedAt, true]),
      );
      expect([customers('n1'), customers('n2'), customers('n3')]).toEqual([2, 3, 4]);
    });

    it("refuses 201 matching files for 'all' and 'not imported yet', naming the count", async () => {
      const folder = await harness.folder('many');
      const names = Array.from({ length: 201 }, (_, i) => `f${String(i).padStart(3, '0')}.csv`);
      for (let i = 0; i < names.length; i += 25) {
        await Promise.all(
          names.slice(i, i + 25).map((name) => harness.put(folder, name, customersCsv(`m${name}`, 1))),
        );
      }
      // Refused before the import is saved, naming the count, for both rules.
      for (const select of ['all', 'not-imported-yet'] as const) {
        await expect(
          importStorage({ path: folder, match: '/^f[0-9]+\\.csv$/', select }, `many ${select}`),
        ).rejects.toMatchObject({
          code: 'LIMIT',
          message: expect.stringMatching(/201 files match .* over the 200-file limit/),
        });
        expect(
          runtime.workspace.db
            .prepare('SELECT COUNT(*) FROM imports WHERE name = ?')
            .pluck()
            .get(`many ${select}`),
        ).toBe(0);
      }
      // An import saved while 200 matched (f000–f199) refuses to start once a 201st file arrives.
      const saved = await importStorage(
        { path: folder, match: '/^f[01][0-9][0-9]\\.csv$|^g\\.csv$/', select: 'all' },
        'grows past the limit',
      );
      expect(saved.status).toBe('succeeded');
      await harness.put(folder, 'g.csv', customersCsv('mg', 1));
      const grown = await runtime.runs.settled(runtime.runs.start(saved.importId!).id);
      expect([grown.status, grown.error?.code]).toEqual(['failed', 'LIMIT']);
      expect(grown.error?.message).toMatch(/201 files match .* over the 200-file limit/);
      // What the first run read stays remembered; the refused run added nothing.
      expect(remembered(saved.importId)).toHaveLength(200);
      // One file of them is no problem.
      const last = await importStorage(
        { path: folder, match: '/^f[0-9]+\\.csv$/', select: 'last-alphabetically' },
        'many last',
      );
      expect(last.files.map((file) => file.name)).toEqual(['f200.csv']);
    });

    it('codes each bad input: wrong credentials (AUTH), a refused port (NETWORK), a missing bucket, container or folder (NOT_FOUND)', async () => {
      expect(await suite.test(connectionId)).toMatchObject({ ok: true, code: null });

      const wrong = harness.wrongCredentials();
      const auth = await suite.test(await suite.connect('Wrong credentials', wrong.settings, wrong.secret));
      expect(auth).toMatchObject({
        ok: false,
        code: 'AUTH',
        message: expect.stringContaining('Wrong credentials'),
      });
      if (wrong.secret) expect(JSON.stringify(auth)).not.toContain(wrong.secret);

      const network = await suite.test(
        await suite.connect('Nobody home', harness.settings(await refusedPort())),
      );
      expect(network).toMatchObject({
        ok: false,
        code: 'NETWORK',
        message: expect.stringContaining('Nobody home'),
      });

      const missing = harness.missingContainer();
      if (missing) {
        const notFound = await suite.test(await suite.connect('Missing container', missing));
        expect(notFound).toMatchObject({
          ok: false,
          code: 'NOT_FOUND',
          message: expect.stringMatching(/no-such-/),
        });
      }
      const source = await addSource({ path: 'no-such-folder', match: '/\\.csv$/', select: 'all' });
      if (!source.ok) throw new Error(source.error.message);
      expect(await filesOf(source.data.id)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringContaining('"no-such-folder"') },
      });
    });

    // Short timeouts reach a connector only through ConnectorContext.timeouts, which nothing in a
    // runtime sets yet (no engine option, stage or preview task field carries them): these calls
    // go to the connection test and the connector directly, as a runtime would with the defaults.
    it('times out on a server that accepts and never answers, and on a transfer that stalls', async () => {
      const silent = await silentServer();
      try {
        const started = Date.now();
        const outcome = await testConnection(suite.resolved(harness.settings(silent.port)), {
          workspaceDir: temp.dir,
          timeouts: { connectMs: 1_000 },
        });
        expect(outcome).toMatchObject({ ok: false, code: 'TIMEOUT' });
        expect(Date.now() - started).toBeLessThan(15_000);
      } finally {
        silent.close();
      }

      const folder = await harness.folder('stall');
      await harness.put(folder, 'slow.csv', customersCsv('stall', 60_000), at(0));
      const proxy = await TcpProxy.start(harness.port(), { afterBytes: 256 * 1024, action: 'pause' });
      try {
        const parts = (await storageConnector.fetch(
          { kind: 'storage', connectionId: 'direct', path: folder, match: '/slow/', select: 'all' },
          {
            workspaceDir: temp.dir,
            connection: suite.resolved(harness.settings(proxy.port)),
            timeouts: { readMs: 1_000 },
          },
        )) as SourceParts;
        try {
          const part = await parts.open(parts.files[0]!);
          await expect(drain(part.stream)).rejects.toMatchObject({
            code: 'TIMEOUT',
            message: expect.stringContaining('slow.csv" stalled'),
          });
        } finally {
          await parts.close();
        }
      } finally {
        proxy.close();
      }
    });

    it('stops a stalled transfer when the read is cancelled, long before its read timeout', async () => {
      const folder = await harness.folder('cancel');
      await harness.put(folder, 'slow.csv', customersCsv('cancel', 60_000), at(0));
      const proxy = await TcpProxy.start(harness.port(), { afterBytes: 256 * 1024, action: 'pause' });
      const controller = new AbortController();
      try {
        const parts = (await storageConnector.fetch(
          { kind: 'storage', connectionId: 'direct', path: folder, match: '/slow/', select: 'all' },
          {
            workspaceDir: temp.dir,
            connection: suite.resolved(harness.settings(proxy.port)),
            // Only the cancel can end this stall: the read timeout is ten minutes.
            timeouts: { readMs: 600_000 },
            signal: controller.signal,
          },
        )) as SourceParts;
        try {
          const part = await parts.open(parts.files[0]!);
          const read = drain(part.stream);
          await proxy.triggered;
          controller.abort();
          await expect(read).rejects.toThrow();
        } finally {
          await parts.close();
        }
      } finally {
        proxy.close();
      }
    });

    it('fails a run whose file is deleted between listing and fetching, naming it, and remembers nothing', async () => {
      const folder = await harness.folder('vanishing');
      await harness.put(folder, 'a.csv', customersCsv('va', 3), at(0));
      await harness.put(folder, 'big.csv', customersCsv('vbig', 90_000), at(1));
      await harness.put(folder, 'z.csv', customersCsv('vz', 2), at(2));
      // The transfer of big.csv pauses half way; z.csv goes meanwhile; then it goes on.
      const proxy = await TcpProxy.start(harness.port(), { afterBytes: 1_000_000, action: 'pause' });
      try {
        void proxy.triggered.then(async () => {
          await harness.remove(folder, 'z.csv');
          proxy.resume();
        });
        const via = await suite.connect('Vanishing', harness.settings(proxy.port));
        const run = await importStorage(
          { path: folder, match: '/\\.csv$/', select: 'all' },
          'vanishing',
          via,
        );
        expect(run.status).toBe('failed');
        expect(run.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('z.csv') });
        expect([customers('va'), customers('vbig'), customers('vz')]).toEqual([0, 0, 0]);
        expect(remembered(run.importId)).toEqual([]);
      } finally {
        proxy.close();
      }
    });

    it('fails a run whose download breaks half way: nothing partial is imported, the file is not remembered', async () => {
      const folder = await harness.folder('broken');
      await harness.put(folder, 'a.csv', customersCsv('ba', 3), at(0));
      const big = customersCsv('bbig', 90_000);
      await harness.put(folder, 'big.csv', big, at(1));
      // The server dies half way through big.csv: the connection drops, the port closes.
      const proxy = await TcpProxy.start(harness.port(), { afterBytes: 1_000_000, action: 'cut' });
      try {
        const via = await suite.connect('Breaking', harness.settings(proxy.port));
        const run = await importStorage(
          { path: folder, match: '/\\.csv$/', select: 'not-imported-yet' },
          'broken',
          via,
        );
        expect(run.status).toBe('failed');
        expect(run.error).toMatchObject({
          code: 'NETWORK',
          message: expect.stringMatching(
            new RegExp(
              `The transfer of "[^"]*big\\.csv" (failed|broke off) after [0-9,]+ of ${Buffer.byteLength(big).toLocaleString('en')} bytes`,
            ),
          ),
        });
        expect([customers('ba'), customers('bbig')]).toEqual([0, 0]);
        expect(remembered(run.importId)).toEqual([]);
      } finally {
        proxy.close();
      }
    });

    extra?.(suite);
  });
}

async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) bytes += chunk.length;
  return bytes;
}
