import { formatTypedValue } from '../../components/format';
import { formatValue } from './format';

interface Props {
  value: unknown;
  /** The attribute's data type: numbers, dates and datetimes are shown in the user's locale. */
  type?: string | undefined;
}

/**
 * A stored attribute value: a muted "blank" for null, compact JSON for lists and objects, numbers
 * and dates in the user's locale (the tooltip keeps the value as stored).
 */
export function ValueText({ value, type }: Props) {
  if (value === null || value === undefined) return <span className="browse-blank">blank</span>;
  const text = formatValue(value);
  if (typeof value === 'object') {
    return (
      <code className="browse-json" title={text}>
        {text}
      </code>
    );
  }
  // A JSON number is a number whatever the type says (catalog items carry no types).
  const shown = formatTypedValue(typeof value === 'number' ? 'number' : type, value) ?? text;
  return (
    <span className="browse-value" title={text}>
      {shown}
    </span>
  );
}
