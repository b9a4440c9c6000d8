import type { ReactNode } from 'react';

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
}

/** A modal panel over the page for a short decision: a title, the fields, a refusal, the buttons. */
export function InlineDialog({ label, title, error, className, children, actions }: Props) {
  return (
    <div className="dialog-backdrop" role="presentation">
      <div
        className={`dialog dialog--inline${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
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
