import { create } from 'zustand';
import type { RequestPayload } from '../../src-shared/contract';
import type { RawLines } from '../../src-shared/model/raw-lines';
import { call, errorMessage } from '../api/client';

/** One raw view: what it asked for, and the lines (or why they could not be read). */
export interface RawView {
  /** The request, as a key: a view is read again only when it changes. */
  request: string;
  lines: RawLines | null;
  loading: boolean;
  error: string | null;
}

/** Raw views by slot: a draft's parse failure, or a row a draft's issue named. */
export const useRawLinesStore = create<{ views: Record<string, RawView> }>(() => ({ views: {} }));

function setView(slot: string, view: RawView): void {
  useRawLinesStore.setState((state) => ({ views: { ...state.views, [slot]: view } }));
}

/**
 * Reads the raw lines for a slot unless it holds them for this request already. The previous
 * lines stay on screen while the new ones are read; an answer to a request since replaced is dropped.
 */
export async function loadRawLines(slot: string, payload: RequestPayload<'sources:rawLines'>): Promise<void> {
  const request = JSON.stringify(payload);
  const current = useRawLinesStore.getState().views[slot];
  if (current?.request === request && (current.lines || current.loading)) return;
  setView(slot, { request, lines: current?.lines ?? null, loading: true, error: null });
  const stillAsked = () => useRawLinesStore.getState().views[slot]?.request === request;
  try {
    const lines = await call('sources:rawLines', payload);
    if (stillAsked()) setView(slot, { request, lines, loading: false, error: null });
  } catch (error) {
    if (stillAsked()) setView(slot, { request, lines: null, loading: false, error: errorMessage(error) });
  }
}

/** Forgets the raw views of a slot and those under it (`slot:…`): a draft closed or a view dismissed. */
export function forgetRawLines(slot: string): void {
  useRawLinesStore.setState((state) => ({
    views: Object.fromEntries(
      Object.entries(state.views).filter(([key]) => key !== slot && !key.startsWith(`${slot}:`)),
    ),
  }));
}
