import type { CustomerId } from '../../../src-shared/model/browse';

/** A customer's IDs on one line, `type value`, hard IDs first as the host sends them. */
export function CustomerIdList({ ids }: { ids: CustomerId[] }) {
  if (!ids.length) return <span className="browse-blank">no IDs</span>;
  return (
    <ul className="browse-ids" title={ids.map((id) => `${id.idType}: ${id.value}`).join('\n')}>
      {ids.map((id) => (
        <li key={`${id.idType}\u0000${id.value}`}>
          <span className="browse-ids__type">{id.idType}</span> {id.value}
        </li>
      ))}
    </ul>
  );
}
