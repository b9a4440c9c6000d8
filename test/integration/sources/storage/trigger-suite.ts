import { expect, it } from 'vitest';
import { dispatch } from '../../../../src-main/host/dispatch';
import { importFile } from '../../../../src-main/services/runs/import-file';
import type { AutomationState } from '../../../../src-shared/model/automation';
import type { ConnectionSummary } from '../../../../src-shared/model/connection';
import type { Run } from '../../../../src-shared/model/run';
import type { Result } from '../../../../src-shared/result';
import { manualScheduler } from '../../../support/manual-scheduler';
import { quick } from '../../runs/run-helpers';
import { at, customersCsv, type StorageSuite } from './storage-suite';
import { refusedPort } from './tcp-proxy';

const POLL_MS = 60_000;

/**
 * The new-file trigger against a kind's real server, with a clock the test moves one poll at a
 * time: each new file is imported once (also one uploaded while a triggered run reads), files
 * already imported are not, a poll of a server that is down remembers nothing and shows its
 * error, and deleting the import forgets its files.
 */
export function describeNewFileTrigger(suite: StorageSuite): void {
  it('imports each new file once when a trigger polls, survives a server that is down, and forgets files with the import', async () => {
    const runtime = suite.runtime();
    const { harness } = suite;
    const connectionId = await suite.connect('Trigger');
    const folder = await harness.folder('trigger');
    await harness.put(folder, 't1.csv', customersCsv('t1', 2), at(0));
    const { run: first } = await importFile(runtime, {
      source: {
        kind: 'storage',
        connectionId,
        path: folder,
        match: '/^t[0-9]+\\.csv$/',
        select: 'not-imported-yet',
      },
      quick: quick('customers', { ids: ['email=email_id'] }),
      name: `trigger ${harness.label}`,
    });
    const importId = first.importId!;
    await runtime.runs.settled(first.id);

    let now = new Date('2027-05-01T10:00:00Z');
    const scheduler = manualScheduler(runtime, () => now, POLL_MS);
    const call = async <T>(name: string, payload: unknown): Promise<T> => {
      const result = (await dispatch(runtime.handlers, name as never, payload as never)) as Result<T>;
      if (!result.ok) throw new Error(result.error.message);
      return result.data;
    };
    const triggeredRuns = () =>
      runtime.workspace.db
        .prepare(
          "SELECT id FROM runs WHERE import_id = ? AND started_by = 'trigger' ORDER BY queued_at, rowid",
        )
        .pluck()
        .all(importId) as string[];
    /** Moves the clock to the next poll, polls, and waits for what it started. */
    const poll = async (): Promise<Run[]> => {
      const before = triggeredRuns().length;
      const state = (await call<AutomationState[]>('automation:list', {})).find(
        (a) => a.importId === importId,
      )!;
      now = new Date(Date.parse(state.nextDueAt!) + 1_000);
      await scheduler.check();
      return Promise.all(
        triggeredRuns()
          .slice(before)
          .map((id) => runtime.runs.settled(id)),
      );
    };
    const fileNames = (runs: Run[]) => runs.flatMap((run) => run.files.map((file) => file.name));

    await call('automation:set', { importId, automation: { kind: 'new-file' } });
    // Nothing new: the poll starts no run.
    expect(await poll()).toEqual([]);

    await harness.put(folder, 't2.csv', customersCsv('t2', 3), at(1));
    const second = await poll();
    expect(second.map((run) => run.status)).toEqual(['succeeded']);
    expect(fileNames(second)).toEqual(['t2.csv']);

    // A file arriving while a triggered run reads is imported by that run or by the next poll's,
    // never by both and never left out.
    await harness.put(folder, 't3.csv', customersCsv('t3', 1), at(2));
    const polling = poll();
    await harness.put(folder, 't4.csv', customersCsv('t4', 1), at(3));
    const third = await polling;
    const fourth = await poll();
    const imported = fileNames([...second, ...third, ...fourth]);
    expect([...imported].sort()).toEqual(['t2.csv', 't3.csv', 't4.csv']);
    expect(await poll()).toEqual([]);

    // The server goes away: the poll fails, says why on the import, remembers nothing, and the
    // next poll (the server back) finds the file.
    const { settings } = await call<ConnectionSummary>('connections:get', { id: connectionId });
    await call('connections:update', { id: connectionId, settings: harness.settings(await refusedPort()) });
    await harness.put(folder, 't5.csv', customersCsv('t5', 2), at(4));
    expect(await poll()).toEqual([]);
    const down = (await call<AutomationState[]>('automation:list', {})).find((a) => a.importId === importId)!;
    expect(down.lastError?.code).toBe('NETWORK');
    await call('connections:update', { id: connectionId, settings });
    const back = await poll();
    expect(fileNames(back)).toEqual(['t5.csv']);
    const healthy = (await call<AutomationState[]>('automation:list', {})).find(
      (a) => a.importId === importId,
    )!;
    expect(healthy.lastError).toBeNull();

    const remembered = () =>
      runtime.workspace.db
        .prepare('SELECT COUNT(*) FROM import_files WHERE import_id = ?')
        .pluck()
        .get(importId);
    expect(remembered()).toBe(5);
    await call('imports:delete', { importId, data: 'keep' });
    expect(remembered()).toBe(0);
    expect(await call<AutomationState[]>('automation:list', {})).toEqual([]);
  });
}
