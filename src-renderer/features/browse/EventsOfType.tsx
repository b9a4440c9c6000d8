import type { EventItem } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { AttributeList } from './AttributeList';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { CustomerLink } from './CustomerLink';
import { Pager } from './Pager';
import { QueryError } from './QueryError';
import { Timestamp } from './Timestamp';
import { usePagedQuery } from './use-paged-query';

const COLUMNS: TableColumn<EventItem>[] = [
  { header: 'Time', cell: (event) => <Timestamp value={event.timestamp} /> },
  { header: 'Customer', cell: (event) => <CustomerLink customerId={event.customerId} /> },
  {
    header: 'Attributes',
    cell: (event) => <AttributeList attributes={event.attributes} types={event.attributeTypes} />,
  },
];

/** The events of one type, last imported first, a page at a time. */
export function EventsOfType({ eventType }: { eventType: string }) {
  const events = usePagedQuery(`events\u0000${eventType}`, (offset, limit) =>
    call('browse:events', { eventType, offset, limit }),
  );
  return (
    <section className="browse-detail" aria-label={`Events of type ${eventType}`}>
      <h2>{eventType}</h2>
      <QueryError message={events.error} />
      {events.data && (
        <BrowseTable
          caption={`Events of type ${eventType}`}
          columns={COLUMNS}
          rows={events.data.items}
          rowKey={(event) => String(event.id)}
          rowTestId="event-row"
          busy={events.loading}
        />
      )}
      <Pager query={events} noun="events" />
    </section>
  );
}
