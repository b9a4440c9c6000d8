/** An identifier with its type (`email a@b.c`), as identity links and group members carry them. */
export function TypedValue({ type, value }: { type: string; value: string }) {
  return (
    <span className="browse-typed" title={`${type}: ${value}`}>
      <span className="browse-typed__type">{type}</span> {value}
    </span>
  );
}
