interface Props {
  visible: boolean;
}

/** The window-wide target shown while files are dragged over Intake. */
export function DropOverlay({ visible }: Props) {
  if (!visible) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-live="polite">
      <div className="drop-overlay__target">
        <strong>Drop to start an import</strong>
        <span>CSV, TSV, TXT or XML · one import per file · up to 1 GB each</span>
      </div>
    </div>
  );
}
