import { openCustomer } from '../../stores/browse.store';

/** A customer named in another grid (an event), opening its profile on the Customers tab. */
export function CustomerLink({ customerId }: { customerId: number }) {
  return (
    <button
      type="button"
      className="browse-link"
      onClick={() => openCustomer(customerId)}
      title="Open this customer's profile"
    >
      Customer {customerId}
    </button>
  );
}
