import { create } from 'zustand';
import type { DestinationSpec } from '../../src-shared/model/destination';
import { isActiveRun, type ImportOverview, type RunProgress } from '../../src-shared/model/run';
import { call, errorMessage } from '../api/client';
import { fileToSource } from '../api/files';
import { refreshBrowse } from './browse.store';

interface RunsState {
  imports: ImportOverview[];
  loaded: boolean;
  error: string | null;
  /** Live progress of active runs, by run id. */
  progress: Record<string, RunProgress>;
  /** The run whose detail is open. */
  detailRunId: string | null;
}

/** Saved imports, their newest runs and the live progress of active ones (the Imports page). */
export const useRunsStore = create<RunsState>(() => ({
  imports: [],
  loaded: false,
  error: null,
  progress: {},
  detailRunId: null,
}));

/** Reloads the imports list from the host. */
export async function loadImports(): Promise<void> {
  try {
    const imports = await call('imports:overview', {});
    // A run the host reports ended has no live progress, even if its last event was missed
    // (a reconnecting WebSocket drops events).
    const ended = new Set(
      imports.flatMap((entry) =>
        entry.lastRun && !isActiveRun(entry.lastRun.status) ? [entry.lastRun.id] : [],
      ),
    );
    useRunsStore.setState((state) => ({
      imports,
      loaded: true,
      error: null,
      progress: Object.fromEntries(Object.entries(state.progress).filter(([runId]) => !ended.has(runId))),
    }));
  } catch (error) {
    useRunsStore.setState({ loaded: true, error: errorMessage(error) });
  }
}

/** Applies a pushed `runs:progress`; a run that starts or ends refreshes the list. */
export function runProgressed(progress: RunProgress): void {
  const known = useRunsStore.getState().progress[progress.runId];
  useRunsStore.setState((state) => {
    const next = { ...state.progress };
    if (isActiveRun(progress.status)) next[progress.runId] = progress;
    else delete next[progress.runId];
    return { progress: next };
  });
  if (!known || known.status !== progress.status) void loadImports();
  // New data landed: the workspace browser's pages are stale.
  if (progress.status === 'succeeded') refreshBrowse();
}

/** Queues a run of a saved import (optionally with a dataset the wizard staged). */
export async function runImport(importId: string, datasetId?: string): Promise<void> {
  await call('runs:start', { importId, ...(datasetId ? { datasetId } : {}) });
  await loadImports();
}

/**
 * "Run again with another file…": the chosen file becomes a source of this run only (in the
 * desktop app main reads it where it is; a browser uploads its bytes), and the run reads it with
 * the import's dialect, mapping and cleanup steps. The import keeps its own file.
 */
export async function runImportWithFile(importId: string, file: File): Promise<void> {
  const source = await fileToSource(file);
  await call('runs:start', { importId, sourceId: source.id });
  await loadImports();
}

/** A dry run: what the import would import or push now, with nothing kept or sent; opens its detail. */
export async function dryRunImport(importId: string): Promise<void> {
  const run = await call('runs:start', { importId, dryRun: true });
  await loadImports();
  openRunDetail(run.id);
}

/** "Test a record": sends one row of the source to the import's platform; opens the run with the raw answer. */
export async function testRecord(importId: string, rowNumber: number): Promise<void> {
  const run = await call('runs:start', { importId, testRow: rowNumber });
  await loadImports();
  openRunDetail(run.id);
}

/** Where an import's runs write. */
export async function setDestination(
  importId: string,
  destination: Exclude<DestinationSpec, { kind: 'file' }>,
): Promise<void> {
  await call('imports:setDestination', { importId, destination });
  await loadImports();
}

export async function cancelRun(runId: string): Promise<void> {
  await call('runs:cancel', { runId });
  await loadImports();
}

export async function duplicateImport(importId: string): Promise<void> {
  await call('imports:duplicate', { importId });
  await loadImports();
}

export async function deleteImport(importId: string, data: 'keep' | 'expire'): Promise<void> {
  await call('imports:delete', { importId, data });
  await loadImports();
}

export function openRunDetail(runId: string | null): void {
  useRunsStore.setState({ detailRunId: runId });
}

/** "Read everything again": an incremental import forgets its cursor. */
export async function resetCursor(importId: string): Promise<void> {
  await call('imports:resetCursor', { importId });
  await loadImports();
}
