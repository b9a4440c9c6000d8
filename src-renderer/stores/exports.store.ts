import { create } from 'zustand';
import { EXPORT_DOWNLOAD_PATH } from '../../src-shared/contract';
import type { ExportFormat } from '../../src-shared/model/destination';
import type { ImportMapping } from '../../src-shared/model/mapping';
import { isActiveRun, type Run, type RunProgress } from '../../src-shared/model/run';
import { call, errorMessage } from '../api/client';

/** One export of a draft's cleaned data: its run, as it goes, and what became of it. */
export interface DraftExport {
  runId: string | null;
  fileName: string;
  format: ExportFormat;
  /** True in a browser: the file is downloaded from the host once the run has succeeded. */
  download: boolean;
  status: Run['status'] | 'starting';
  rows: number;
  rowsTotal: number | null;
  error: string | null;
}

interface ExportsState {
  byDraft: Record<string, DraftExport>;
}

/** Exports of cleaned data started from the mapping step, one (the latest) per draft. */
export const useExportsStore = create<ExportsState>(() => ({ byDraft: {} }));

function patch(key: string, change: Partial<DraftExport>): void {
  useExportsStore.setState((state) => {
    const current = state.byDraft[key];
    return current ? { byDraft: { ...state.byDraft, [key]: { ...current, ...change } } } : state;
  });
}

/**
 * Exports the mapped records of a draft's staged rows. The desktop app asks where to save the file
 * (nothing happens if the user cancels); a browser downloads it when the run has succeeded.
 */
export async function startExport(
  key: string,
  request: {
    datasetId: string;
    mapping: ImportMapping;
    format: ExportFormat;
    name: string;
    importId: string | null;
  },
): Promise<void> {
  useExportsStore.setState((state) => ({
    byDraft: {
      ...state.byDraft,
      [key]: {
        runId: null,
        fileName: '',
        format: request.format,
        download: false,
        status: 'starting',
        rows: 0,
        rowsTotal: null,
        error: null,
      },
    },
  }));
  try {
    const { started } = await call('exports:start', request);
    if (!started) {
      forgetExport(key);
      return;
    }
    patch(key, {
      runId: started.run.id,
      fileName: started.fileName,
      download: started.download,
      status: started.run.status,
    });
    // A short export can end before this answer arrives, and its last `runs:progress` was then
    // dropped (no export knew the run yet): ask once how it stands.
    const run = await call('runs:get', { runId: started.run.id });
    if (!isActiveRun(run.status)) {
      exportProgressed({
        runId: run.id,
        importId: run.importId,
        status: run.status,
        loading: { rows: run.rows.read, bytesRead: run.bytesRead, bytesTotal: run.bytesTotal },
        processing: { rows: run.rows.read, rowsTotal: run.rowsTotal },
      });
    }
  } catch (error) {
    patch(key, { status: 'failed', error: errorMessage(error) });
  }
}

/** Applies a pushed `runs:progress` to the export it belongs to (if any). */
export function exportProgressed(progress: RunProgress): void {
  const entry = Object.entries(useExportsStore.getState().byDraft).find(
    ([, value]) => value.runId === progress.runId,
  );
  if (!entry) return;
  const [key, current] = entry;
  // An export's end arrives once as an event and may be read once more after it started: act once.
  if (current.status !== 'starting' && !isActiveRun(current.status)) return;
  patch(key, {
    status: progress.status,
    rows: progress.processing.rows,
    rowsTotal: progress.processing.rowsTotal,
  });
  if (progress.status === 'succeeded' && current.download) downloadExport(progress.runId, current.fileName);
  if (progress.status === 'failed' || progress.status === 'cancelled') {
    void call('runs:get', { runId: progress.runId })
      .then((run) => patch(key, { error: run.error?.message ?? `The export was ${progress.status}.` }))
      .catch(() => undefined);
  }
}

/** Stops an export in progress. */
export async function cancelExport(key: string): Promise<void> {
  const runId = useExportsStore.getState().byDraft[key]?.runId;
  if (runId) await call('runs:cancel', { runId });
}

/** Forgets a draft's export (its dialog closed). */
export function forgetExport(key: string): void {
  useExportsStore.setState((state) => {
    const { [key]: _gone, ...rest } = state.byDraft;
    return { byDraft: rest };
  });
}

/** The browser's download of a finished export (the host's session cookie authorises it). */
export function downloadExport(runId: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = `${EXPORT_DOWNLOAD_PATH}${encodeURIComponent(runId)}`;
  link.download = fileName;
  link.click();
}
