import type { IdentityLink } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { setIdentitySearch, useBrowseStore } from '../../stores/browse.store';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { NoData } from './NoData';
import { Pager } from './Pager';
import { QueryError } from './QueryError';
import { SearchBox } from './SearchBox';
import { Timestamp } from './Timestamp';
import { TypedValue } from './TypedValue';
import { useDebouncedValue } from './use-debounced-value';
import { usePagedQuery } from './use-paged-query';

const COLUMNS: TableColumn<IdentityLink>[] = [
  { header: 'Match key', cell: (link) => <TypedValue type={link.matchType} value={link.matchValue} /> },
  { header: 'Identifier', cell: (link) => <TypedValue type={link.idType} value={link.idValue} /> },
  { header: 'Timestamp', cell: (link) => <Timestamp value={link.timestamp} /> },
  { header: 'Linked', cell: (link) => <Timestamp value={link.linkedAt} /> },
  { header: 'Expires', cell: (link) => <Timestamp value={link.expiresAt} /> },
];

/** Identity links that have not expired, searchable by either value. */
export function IdentityTab() {
  const search = useBrowseStore((state) => state.identitySearch);
  const text = useDebouncedValue(search.trim());
  const links = usePagedQuery(`identity\u0000${text}`, (offset, limit) =>
    call('browse:identityLinks', { search: text, offset, limit }),
  );
  const page = links.data;
  if (!links.loading && text === '' && page?.total === 0) {
    return (
      <NoData title="No identity links">
        Import an identity file on the Imports page. Links expire after their retention (2–180 days).
      </NoData>
    );
  }
  return (
    <section className="browse-single" aria-label="Identity links">
      <SearchBox
        label="Search identity links by value"
        placeholder="Search by match key or identifier…"
        value={search}
        onChange={setIdentitySearch}
        testId="identity-search"
      />
      <QueryError message={links.error} />
      {page && page.total === 0 && text !== '' ? (
        <p className="browse-placeholder">No link has a value containing “{text}”.</p>
      ) : (
        page && (
          <BrowseTable
            caption="Identity links"
            columns={COLUMNS}
            rows={page.items}
            rowKey={(link) =>
              `${link.matchType}\u0000${link.matchValue}\u0000${link.idType}\u0000${link.idValue}`
            }
            rowTestId="identity-row"
            busy={links.loading}
          />
        )
      )}
      <Pager query={links} noun="identity links" />
    </section>
  );
}
