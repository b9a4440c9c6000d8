import { describe, expect, it } from 'vitest';
import { browseHandlers } from '../../../src-main/services/browse/browse.handlers';
import type { HandlerContext } from '../../../src-main/services/handler-context';
import { requestNames, requests } from '../../../src-shared/contract';
import { addCustomer, addEvent, T0_US, useBrowseWorkspace } from './support';

describe('browseHandlers', () => {
  const open = useBrowseWorkspace();
  /** The handlers read the workspace only; the rest of a context stays out of these tests. */
  const contextOf = (workspace: HandlerContext['workspace']) => ({ workspace }) as HandlerContext;

  it('handles every browse request of the contract and nothing else', () => {
    const browseRequests = requestNames.filter((name) => name.startsWith('browse:'));
    expect(Object.keys(browseHandlers).sort()).toEqual(browseRequests.sort());
  });

  it('serves payloads as the contract parses them, defaults included', () => {
    const workspace = open();
    const context = contextOf(workspace);
    const id = addCustomer(workspace.db, [['email_id', 'ann@example.com']]);
    addEvent(workspace.db, id, 'view', T0_US);
    const customers = browseHandlers['browse:customers'](
      requests['browse:customers'].schema.parse({}),
      context,
    );
    expect(customers).toMatchObject({ offset: 0, total: 1, items: [{ id, eventCount: 1 }] });
    const events = browseHandlers['browse:events'](
      requests['browse:events'].schema.parse({ eventType: 'view' }),
      context,
    );
    expect(events.items.map((event) => event.timestamp)).toEqual(['2026-11-23T10:00:00.000000Z']);
    expect(
      browseHandlers['browse:identityLinks'](requests['browse:identityLinks'].schema.parse({}), context),
    ).toEqual({ offset: 0, total: 0, items: [] });
  });

  it('lets NOT_FOUND through for an unknown customer', () => {
    const context = contextOf(open());
    expect(() =>
      browseHandlers['browse:customer'](
        requests['browse:customer'].schema.parse({ customerId: 99 }),
        context,
      ),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});
