import { useId } from 'react';
import { call } from '../../api/client';
import { closeCustomer } from '../../stores/browse.store';
import { CustomerTimeline } from './CustomerTimeline';
import { formatCount } from '../../components/format';
import { ProfileAttributes } from './ProfileAttributes';
import { ProfileIds } from './ProfileIds';
import { QueryError } from './QueryError';
import { Timestamp } from './Timestamp';
import { useQuery } from './use-query';

/** One customer: IDs, attributes, times and the event timeline. Keyed by customer, so it starts fresh. */
export function CustomerProfilePanel({ customerId }: { customerId: number }) {
  const headingId = useId();
  const profile = useQuery(`customer\u0000${customerId}`, () => call('browse:customer', { customerId }));
  const data = profile.data;
  return (
    <section
      className="browse-detail"
      aria-labelledby={headingId}
      aria-busy={profile.loading || undefined}
      data-testid="customer-profile"
      onKeyDown={(event) => event.key === 'Escape' && closeCustomer()}
    >
      <header className="browse-detail__header">
        <h2 id={headingId}>Customer {customerId}</h2>
        <button type="button" onClick={closeCustomer} aria-label="Close customer profile">
          Close
        </button>
      </header>
      <QueryError message={profile.error} />
      {data && (
        <>
          <dl className="facts">
            <dt>Created</dt>
            <dd>
              <Timestamp value={data.createdAt} />
            </dd>
            <dt>Updated</dt>
            <dd>
              <Timestamp value={data.updatedAt} />
            </dd>
            <dt>Events</dt>
            <dd>{formatCount(data.eventCount)}</dd>
          </dl>
          <ProfileIds ids={data.ids} />
          <ProfileAttributes attributes={data.attributes} />
        </>
      )}
      <CustomerTimeline customerId={customerId} />
    </section>
  );
}
