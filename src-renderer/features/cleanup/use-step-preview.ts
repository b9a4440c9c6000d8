import { useEffect } from 'react';
import type { PreviewableStep } from '../../../src-shared/model/cleanup';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { clearStepPreview, previewStep, useStepPreviewStore } from '../../stores/step-preview.store';

/** Quiet time after typing before the whole dataset is counted again. */
const DEBOUNCE_MS = 250;

/** The count of what `step` would change over every staged row, kept current as the step is edited. */
export function useStepPreview(
  datasetId: string | null,
  mapping: ImportMapping,
  step: PreviewableStep | null,
) {
  const key = step ? JSON.stringify(step) : null;
  useEffect(() => {
    if (!datasetId || !step) {
      clearStepPreview();
      return;
    }
    const timer = setTimeout(() => void previewStep(datasetId, mapping, step), DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // The step is compared by its JSON: a new object with the same content is the same step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [datasetId, mapping, key]);
  return useStepPreviewStore();
}
