import { ValueText } from './ValueText';

interface Props {
  attributes: Record<string, unknown>;
  /** Each attribute's data type, shown in its tooltip. */
  types?: Record<string, string>;
}

/** An event's or item's attributes on one wrapping line: `name value · name value`. */
export function AttributeList({ attributes, types }: Props) {
  const entries = Object.entries(attributes);
  if (!entries.length) return <span className="browse-blank">no attributes</span>;
  return (
    <ul className="browse-attributes">
      {entries.map(([name, value]) => (
        <li key={name} title={types?.[name]}>
          <span className="browse-attributes__name">{name}</span>{' '}
          <ValueText value={value} type={types?.[name]} />
        </li>
      ))}
    </ul>
  );
}
