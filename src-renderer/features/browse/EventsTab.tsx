import type { EventTypeSummary } from '../../../src-shared/model/browse';
import { call } from '../../api/client';
import { selectEventType, useBrowseStore } from '../../stores/browse.store';
import { BrowseTable, type TableColumn } from './BrowseTable';
import { EventsOfType } from './EventsOfType';
import { formatCount } from '../../components/format';
import { NoData } from './NoData';
import { QueryError } from './QueryError';
import { Timestamp } from './Timestamp';
import { useQuery } from './use-query';

const COLUMNS: TableColumn<EventTypeSummary>[] = [
  { header: 'Event type', name: true, cell: (type) => type.eventType },
  { header: 'Events', numeric: true, cell: (type) => formatCount(type.count) },
  { header: 'First', cell: (type) => <Timestamp value={type.first} /> },
  { header: 'Last', cell: (type) => <Timestamp value={type.last} /> },
];

/** Event types with their counts; selecting one lists its events. */
export function EventsTab() {
  const eventType = useBrowseStore((state) => state.eventType);
  const types = useQuery('eventTypes', () => call('browse:eventTypes', {}));
  if (types.data?.length === 0 && !types.loading) {
    return (
      <NoData title="No events yet">
        Import an events file on the Imports page: a customer ID column, a timestamp column and an event type.
      </NoData>
    );
  }
  return (
    <div className="browse-split">
      <section className="browse-list" aria-label="Event types">
        <QueryError message={types.error} />
        {types.data && (
          <BrowseTable
            caption="Event types"
            columns={COLUMNS}
            rows={types.data}
            rowKey={(type) => type.eventType}
            rowTestId="event-type-row"
            onOpen={(type) => selectEventType(type.eventType)}
            selectedKey={eventType}
            busy={types.loading}
          />
        )}
      </section>
      {eventType === null ? (
        <p className="browse-placeholder">Select an event type to see its events, last imported first.</p>
      ) : (
        <EventsOfType key={eventType} eventType={eventType} />
      )}
    </div>
  );
}
