import { formatValue } from './format';

/** A stored attribute value: a muted "blank" for null, compact JSON for lists and objects. */
export function ValueText({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="browse-blank">blank</span>;
  const text = formatValue(value);
  return typeof value === 'object' ? (
    <code className="browse-json" title={text}>
      {text}
    </code>
  ) : (
    <span className="browse-value" title={text}>
      {text}
    </span>
  );
}
