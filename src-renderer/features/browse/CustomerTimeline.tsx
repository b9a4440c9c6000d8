import { call } from '../../api/client';
import { Pager } from './Pager';
import { QueryError } from './QueryError';
import { TimelineEvent } from './TimelineEvent';
import { usePagedQuery } from './use-paged-query';

/** A customer's events, newest first, a page at a time. */
export function CustomerTimeline({ customerId }: { customerId: number }) {
  const events = usePagedQuery(`timeline\u0000${customerId}`, (offset, limit) =>
    call('browse:customerEvents', { customerId, offset, limit }),
  );
  const page = events.data;
  return (
    <section aria-label="Event timeline" aria-busy={events.loading || undefined}>
      <h3>Events</h3>
      <QueryError message={events.error} />
      {page && page.total === 0 ? (
        <p className="browse-placeholder">No events for this customer.</p>
      ) : (
        page && (
          <ol className={events.loading ? 'browse-timeline browse-busy' : 'browse-timeline'}>
            {page.items.map((event) => (
              <TimelineEvent key={event.id} event={event} />
            ))}
          </ol>
        )
      )}
      <Pager query={events} noun="events" />
    </section>
  );
}
