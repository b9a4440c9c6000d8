import { create } from 'zustand';
import type { Dataset, DatasetProgress } from '../../src-shared/model/dataset';
import type { DialectOverrides, Preview } from '../../src-shared/model/preview';
import type { SourceRef } from '../../src-shared/model/source';
import type { RequestPayload } from '../../src-shared/contract';
import type { AppError } from '../../src-shared/result';
import { call, errorMessage, RequestError } from '../api/client';
import { fileToSource } from '../api/files';
import { forgetMapping } from './mapping.store';
import { forgetValidation } from './validation.store';
import { forgetRawLines } from './raw-lines.store';
import { forgetIdentities } from './identity-preview.store';

/** A new import being set up: its source, preview and staged dataset. */
export interface Draft {
  key: string;
  name: string;
  source: SourceRef | null;
  overrides: DialectOverrides;
  preview: Preview | null;
  dataset: Dataset | null;
  progress: DatasetProgress | null;
  busy: boolean;
  error: string | null;
  /**
   * The last preview's failure, coded (where a parse error happened is in its details), kept while
   * the person changes the dialect and tries again: cleared by a preview that succeeds.
   */
  failure: AppError | null;
  /** Not a failure: what there is to know about the source (an empty file). */
  notice: string | null;
  /** Which wizard step is shown. */
  step: 'preview' | 'mapping';
  /** A source the user described (feed, query, storage): kept to preview another of its files. */
  described?: DescribedSource;
}

/** A source described in the source picker, as `sources:add` takes it. */
export type DescribedSource = RequestPayload<'sources:add'>;

interface DraftsState {
  drafts: Draft[];
  activeKey: string | null;
}

/** New imports in progress (one per dropped file or paste) and which one is shown. */
export const useDraftsStore = create<DraftsState>(() => ({ drafts: [], activeKey: null }));

let nextKey = 1;
/** Datasets that settled before their `datasets:stage` answer arrived (tiny files stage that fast). */
const settledEarly = new Set<string>();

function patch(key: string, change: Partial<Draft>): void {
  useDraftsStore.setState((state) => ({
    drafts: state.drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)),
  }));
}

function draftOf(key: string): Draft | undefined {
  return useDraftsStore.getState().drafts.find((draft) => draft.key === key);
}

function begin(name: string): string {
  const key = `draft-${nextKey++}`;
  const draft: Draft = {
    key,
    name,
    source: null,
    overrides: {},
    preview: null,
    dataset: null,
    progress: null,
    busy: true,
    error: null,
    failure: null,
    notice: null,
    step: 'preview',
  };
  useDraftsStore.setState((state) => ({ drafts: [...state.drafts, draft], activeKey: key }));
  return key;
}

/** Previews a source, then stages it in the background; the grid shows the preview meanwhile. */
async function previewAndStage(key: string): Promise<void> {
  const draft = draftOf(key);
  if (!draft?.source) return;
  patch(key, { busy: true, error: null });
  let previewed = false;
  try {
    const preview = await call('sources:preview', { sourceId: draft.source.id, overrides: draft.overrides });
    previewed = true;
    // The dataset staged with the old dialect is superseded: stop it and drop its rows.
    const superseded = draftOf(key)?.dataset;
    patch(key, { preview, dataset: null, progress: null, failure: null });
    if (superseded) await call('datasets:drop', { datasetId: superseded.id });
    let dataset = await call('datasets:stage', { sourceId: draft.source.id, overrides: draft.overrides });
    if (settledEarly.delete(dataset.id)) dataset = await call('datasets:get', { datasetId: dataset.id });
    patch(key, { dataset, busy: false });
  } catch (error) {
    const failure = !previewed && error instanceof RequestError ? error.error : null;
    patch(key, { busy: false, error: errorMessage(error), ...(failure ? { failure } : {}) });
  }
}

/** One new import per dropped or picked file. */
export async function addFiles(files: File[]): Promise<void> {
  await Promise.all(
    files.map(async (file) => {
      const key = begin(file.name);
      try {
        patch(key, { source: await fileToSource(file) });
        await previewAndStage(key);
      } catch (error) {
        patch(
          key,
          isEmptyFile(error)
            ? { busy: false, notice: emptyNotice(file.name) }
            : { busy: false, error: errorMessage(error) },
        );
      }
    }),
  );
}

/** A new import from pasted text (spreadsheet cells arrive as TSV). */
export async function addPastedText(text: string): Promise<void> {
  const key = begin('Pasted data');
  try {
    patch(key, { source: await call('sources:addPaste', { text }) });
    await previewAndStage(key);
  } catch (error) {
    patch(key, { busy: false, error: errorMessage(error) });
  }
}

/**
 * A new import from a read-only SELECT over the workspace ("data from your analyses"). The query
 * is checked when it is registered: a refusal (not a SELECT, a typo) is thrown to the caller, who
 * shows it where the query was typed, and no draft is opened.
 */
export async function addWorkspaceQuery(query: string): Promise<void> {
  await addDescribedSource({ kind: 'workspace', query });
}

/**
 * A new import from a source described in the source picker: a workspace query, a URL feed, a
 * database query or files in storage. What can be refused without reading it (not a SELECT, a
 * pattern that is no regular expression, the wrong kind of connection) is thrown to the caller,
 * who shows it in the form, and no draft is opened.
 */
export async function addDescribedSource(spec: DescribedSource): Promise<void> {
  await previewDescribedSource(await call('sources:add', spec), spec);
}

/**
 * A new import from a source the picker registered already (it listed a storage source's files).
 * Resolves once its draft is open: reading it (a feed, a query, a download) goes on in the draft,
 * which shows its progress and any failure.
 */
export function previewDescribedSource(source: SourceRef, spec: DescribedSource): Promise<void> {
  const key = begin(source.name);
  patch(key, { source, described: spec });
  void previewAndStage(key);
  return Promise.resolve();
}

/**
 * Previews another of a storage source's matching files: the same folder, pattern and rule, with
 * that file picked (the preview never applies the selection rule; the run does).
 */
export async function previewStorageFile(key: string, file: string): Promise<void> {
  const draft = draftOf(key);
  if (draft?.described?.kind !== 'storage') return;
  const described = { ...draft.described, file };
  try {
    const source = await call('sources:add', described);
    patch(key, { source, described });
    await previewAndStage(key);
  } catch (error) {
    patch(key, { error: errorMessage(error) });
  }
}

/**
 * A draft over a saved import's source with its saved dialect (editing the import). Resolves with
 * the draft's key once its preview is shown and staging has started.
 */
export async function openSourceDraft(
  source: SourceRef,
  overrides: DialectOverrides,
  name: string,
): Promise<string> {
  const key = begin(name);
  patch(key, { source, overrides });
  await previewAndStage(key);
  return key;
}

/** The draft with this key, if it is still open. */
export function findDraft(key: string): Draft | undefined {
  return draftOf(key);
}

/** Desktop: File > Open… */
export async function chooseFiles(): Promise<void> {
  const sources = await call('sources:choose', {});
  await Promise.all(
    sources.map(async (source) => {
      const key = begin(source.name);
      patch(key, { source });
      await previewAndStage(key);
    }),
  );
}

/** A dialect-bar change: re-preview at once and restage with the new settings. */
export async function changeDialect(key: string, change: DialectOverrides): Promise<void> {
  const draft = draftOf(key);
  if (!draft) return;
  patch(key, { overrides: { ...draft.overrides, ...change } });
  await previewAndStage(key);
}

/** Moves a draft to a wizard step. */
export function setStep(key: string, step: Draft['step']): void {
  patch(key, { step });
}

/** Shows a draft. */
export function showDraft(key: string | null): void {
  useDraftsStore.setState({ activeKey: key });
}

/**
 * Closes a draft, stopping its staging and dropping its staged rows, and forgetting a paste or upload
 * no import uses — unless a run took the dataset over (`handedOver`): the run then drops it when it ends.
 */
export async function closeDraft(key: string, handedOver = false): Promise<void> {
  const draft = draftOf(key);
  useDraftsStore.setState((state) => {
    const drafts = state.drafts.filter((d) => d.key !== key);
    return { drafts, activeKey: state.activeKey === key ? (drafts.at(-1)?.key ?? null) : state.activeKey };
  });
  forgetMapping(key);
  forgetValidation(key);
  forgetRawLines(key);
  forgetIdentities(key);
  if (handedOver) return;
  if (draft?.dataset) await call('datasets:drop', { datasetId: draft.dataset.id }).catch(() => undefined);
  // A paste or upload nobody saved would otherwise stay in the workspace's sources/ folder for good.
  if (draft?.source) await call('sources:forget', { sourceId: draft.source.id }).catch(() => undefined);
}

/** Applies a pushed staging progress event to the draft that owns the dataset. */
export function datasetProgressed(progress: DatasetProgress): void {
  const draft = useDraftsStore.getState().drafts.find((d) => d.dataset?.id === progress.datasetId);
  if (!draft) {
    if (progress.status !== 'staging') settledEarly.add(progress.datasetId);
    return;
  }
  patch(draft.key, { progress });
  if (progress.status !== 'staging') {
    void call('datasets:get', { datasetId: progress.datasetId }).then((dataset) => {
      if (draftOf(draft.key)?.dataset?.id === dataset.id) patch(draft.key, { dataset });
    });
  }
}

/** A file of 0 bytes: nothing to read, and nothing wrong either. */
function isEmptyFile(error: unknown): boolean {
  return error instanceof RequestError && error.error.details?.reason === 'empty';
}

function emptyNotice(name: string): string {
  return `"${name}" is empty (0 bytes): there is nothing to preview or map yet. Close it, or open it again once it has a header row — a file with only its header can be mapped and saved, and a scheduled import reads its rows when they arrive.`;
}
