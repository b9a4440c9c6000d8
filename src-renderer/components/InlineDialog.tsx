import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  /** The dialog's accessible name. */
  label: string;
  title: ReactNode;
  /** The last refusal to show above the buttons. */
  error?: string | null;
  className?: string;
  children: ReactNode;
  /** The buttons, last the one that acts. */
  actions: ReactNode;
  /** Escape closes the dialog, as its Cancel button does. */
  onClose(): void;
}

/**
 * A modal panel over the page for a short decision: a title, the fields, a refusal, the buttons.
 * It takes the focus when it opens, so Escape reaches it at once.
 */
export function InlineDialog({ label, title, error, className, children, actions, onClose }: Props) {
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A field inside may have taken the focus already (autoFocus): leave it there.
    if (!panel.current?.contains(document.activeElement)) panel.current?.focus();
  }, []);
  return (
    <div className="dialog-backdrop" role="presentation">
      <div
        ref={panel}
        className={`dialog dialog--inline${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key !== 'Escape') return;
          event.stopPropagation();
          onClose();
        }}
      >
        <h2>{title}</h2>
        {children}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog__actions">{actions}</div>
      </div>
    </div>
  );
}
