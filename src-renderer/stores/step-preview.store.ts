import { create } from 'zustand';
import type { PreviewableStep, StepPreview } from '../../src-shared/model/cleanup';
import type { ImportMapping } from '../../src-shared/model/mapping';
import { call, errorMessage } from '../api/client';

/** What the open cleanup dialog's step would change over every staged row. */
export interface StepPreviewState {
  preview: StepPreview | null;
  counting: boolean;
  error: string | null;
}

export const useStepPreviewStore = create<StepPreviewState>(() => ({
  preview: null,
  counting: false,
  error: null,
}));

let latest = 0;

/** Counts a step's changes in the host's worker pool; only the newest request's answer is kept. */
export async function previewStep(
  datasetId: string,
  mapping: ImportMapping,
  step: PreviewableStep,
): Promise<void> {
  const request = ++latest;
  useStepPreviewStore.setState({ counting: true, error: null });
  try {
    const preview = await call('mapping:previewStep', { datasetId, mapping, step });
    if (request === latest) useStepPreviewStore.setState({ preview, counting: false });
  } catch (error) {
    if (request === latest)
      useStepPreviewStore.setState({ preview: null, counting: false, error: errorMessage(error) });
  }
}

/** Forgets the last count (a dialog closed, or its step became invalid). */
export function clearStepPreview(): void {
  latest += 1;
  useStepPreviewStore.setState({ preview: null, counting: false, error: null });
}
