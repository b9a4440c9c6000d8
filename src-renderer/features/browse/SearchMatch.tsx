import type { CustomerMatch } from '../../../src-shared/model/browse';

/**
 * What made a customer a search result: the ID (`ID email_id`) or the contact attribute (`email`)
 * and its value, the matched part marked.
 */
export function SearchMatch({ match }: { match: CustomerMatch | undefined }) {
  if (!match) return null;
  const where = match.kind === 'id' ? `ID ${match.idType}` : match.name;
  const { value, at, length } = match;
  return (
    <span
      className="browse-match"
      title={`${match.kind === 'id' ? 'The ID' : 'The attribute'} ${match.kind === 'id' ? match.idType : match.name}: ${value}`}
      data-testid="customer-match"
    >
      <span className="browse-match__where">{where}</span>{' '}
      <span className="browse-match__value">
        {value.slice(0, at)}
        <mark>{value.slice(at, at + length)}</mark>
        {value.slice(at + length)}
      </span>
    </span>
  );
}
