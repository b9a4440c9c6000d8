interface Props {
  /** The accessible name (the placeholder disappears while typing, so it cannot be the label). */
  label: string;
  placeholder: string;
  value: string;
  onChange(value: string): void;
  testId?: string;
}

/** A search field of a browser tab; the tab debounces what is typed before asking the host. */
export function SearchBox({ label, placeholder, value, onChange, testId }: Props) {
  return (
    <input
      type="search"
      className="browse-search"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-testid={testId}
      spellCheck={false}
      autoComplete="off"
    />
  );
}
