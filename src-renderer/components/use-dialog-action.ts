import { useState } from 'react';
import { errorMessage } from '../api/client';

/**
 * What a dialog's acting button does: busy while the action runs, closed when it succeeds, and
 * the refusal shown (the dialog stays open) when it fails.
 */
export function useDialogAction(onClose: () => void): {
  busy: boolean;
  error: string | null;
  run(action: () => Promise<void>): Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  return { busy, error, run };
}
