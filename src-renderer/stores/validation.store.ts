import { create } from 'zustand';
import type { ImportMapping } from '../../src-shared/model/mapping';
import type { ValidationSummary } from '../../src-shared/model/validation';
import { call, errorMessage } from '../api/client';

/** One draft's latest validation over its whole dataset. */
export interface DraftValidation {
  summary: ValidationSummary | null;
  running: boolean;
  error: string | null;
  /** Bumped when a newer summary arrives, so "problems only" pages refetch. */
  version: number;
}

interface ValidationState {
  byDraft: Record<string, DraftValidation>;
}

export const useValidationStore = create<ValidationState>(() => ({ byDraft: {} }));

const EMPTY: DraftValidation = { summary: null, running: false, error: null, version: 0 };
const latestRequest = new Map<string, number>();
let nextRequest = 1;

function put(key: string, change: Partial<DraftValidation>): void {
  useValidationStore.setState((state) => ({
    byDraft: { ...state.byDraft, [key]: { ...(state.byDraft[key] ?? EMPTY), ...change } },
  }));
}

/**
 * Validates a mapping over the dataset in the host's worker pool. Only the newest request's answer
 * is kept: an answer to an older mapping arriving late never overwrites a newer one.
 */
export async function validateMapping(key: string, datasetId: string, mapping: ImportMapping): Promise<void> {
  const request = nextRequest++;
  latestRequest.set(key, request);
  put(key, { running: true });
  try {
    const summary = await call('mapping:validate', { datasetId, mapping });
    if (latestRequest.get(key) !== request) return;
    const version = (useValidationStore.getState().byDraft[key]?.version ?? 0) + 1;
    put(key, { summary, running: false, error: null, version });
  } catch (error) {
    if (latestRequest.get(key) !== request) return;
    put(key, { running: false, error: errorMessage(error) });
  }
}

export function forgetValidation(key: string): void {
  latestRequest.delete(key);
  useValidationStore.setState((state) => {
    const { [key]: _gone, ...rest } = state.byDraft;
    return { byDraft: rest };
  });
}
