import { useEffect } from 'react';
import type { ImportMapping } from '../../../src-shared/model/mapping';
import { validateMapping } from '../../stores/validation.store';

/** Quiet time after an edit before the whole dataset is re-validated (edits often come in bursts). */
const DEBOUNCE_MS = 250;

/** Re-validates the mapping over every staged row whenever it changes (unchanged columns are reused). */
export function useLiveValidation(
  key: string,
  datasetId: string | null,
  mapping: ImportMapping | undefined,
): void {
  useEffect(() => {
    if (!datasetId || !mapping) return;
    const timer = setTimeout(() => void validateMapping(key, datasetId, mapping), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, datasetId, mapping]);
}
