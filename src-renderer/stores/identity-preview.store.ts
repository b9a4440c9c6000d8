import { create } from 'zustand';
import type { IdentityPreview } from '../../src-shared/model/identity-preview';
import type { ImportMapping } from '../../src-shared/model/mapping';
import { call, errorMessage } from '../api/client';

/** One draft's identity preview: the customers its rows resolve to. */
export interface DraftIdentities {
  preview: IdentityPreview | null;
  running: boolean;
  error: string | null;
  /** What the shown (or running) preview was worked out for: see identityKey. */
  key: string;
}

interface IdentityState {
  byDraft: Record<string, DraftIdentities>;
}

export const useIdentityStore = create<IdentityState>(() => ({ byDraft: {} }));

const latestRequest = new Map<string, number>();
let nextRequest = 1;

function put(draft: string, change: Partial<DraftIdentities>): void {
  useIdentityStore.setState((state) => ({
    byDraft: {
      ...state.byDraft,
      [draft]: { preview: null, running: false, error: null, key: '', ...state.byDraft[draft], ...change },
    },
  }));
}

/**
 * What decides the preview: everything of the mapping but attribute names and static columns, which
 * change no row's customer. Renaming a target does not work the whole file out again.
 */
export function identityKey(datasetId: string, mapping: ImportMapping): string {
  return JSON.stringify([
    datasetId,
    { ...mapping, statics: [], columns: mapping.columns.map(({ target: _target, ...rest }) => rest) },
  ]);
}

/** Works out the customers in the host's worker pool; only the newest request's answer is kept. */
export async function previewIdentities(
  draft: string,
  datasetId: string,
  mapping: ImportMapping,
): Promise<void> {
  const request = nextRequest++;
  latestRequest.set(draft, request);
  put(draft, { running: true, key: identityKey(datasetId, mapping) });
  try {
    const preview = await call('mapping:previewIdentities', { datasetId, mapping });
    if (latestRequest.get(draft) === request) put(draft, { preview, running: false, error: null });
  } catch (error) {
    if (latestRequest.get(draft) === request)
      put(draft, { preview: null, running: false, error: errorMessage(error) });
  }
}

export function forgetIdentities(draft: string): void {
  latestRequest.delete(draft);
  useIdentityStore.setState((state) => {
    const { [draft]: _gone, ...rest } = state.byDraft;
    return { byDraft: rest };
  });
}
