import type { ReactNode } from 'react';

interface Props<Step> {
  /** The step as the dialog's fields make it; null while they do not make one. */
  step: Step | null;
  /** Kept disabled for another reason too (the count says nothing would change). */
  disabled?: boolean;
  onApply(step: Step): void;
  onClose(): void;
  children: ReactNode;
}

/** A cleanup dialog's primary button: adds the step and closes the dialog. */
export function ApplyStepButton<Step>({ step, disabled = false, onApply, onClose, children }: Props<Step>) {
  return (
    <button
      type="button"
      disabled={!step || disabled}
      onClick={() => {
        if (!step) return;
        onApply(step);
        onClose();
      }}
    >
      {children}
    </button>
  );
}
