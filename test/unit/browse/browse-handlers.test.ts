import { describe, expect, it } from 'vitest';
import { createBrowseHandlers } from '../../../src-main/services/browse/browse.handlers';
import type { Workspace } from '../../../src-main/services/workspace/workspace';
import { requestNames, requests, type Handlers } from '../../../src-shared/contract';
import { addCustomer, addEvent, T0_US, useBrowseWorkspace } from './support';

type BrowseName = Extract<keyof Handlers, `browse:${string}`>;
/** The browse factory's handlers, each called with the workspace a test opened (they take its database only). */
const browseHandlers = Object.fromEntries(
  Object.keys(createBrowseHandlers({ db: null as never })).map((name) => [
    name,
    (payload: unknown, context: { workspace: Workspace }) =>
      (createBrowseHandlers({ db: context.workspace.db })[name as BrowseName] as (p: unknown) => unknown)(
        payload,
      ),
  ]),
) as unknown as {
  [N in BrowseName]: (
    payload: Parameters<Handlers[N]>[0],
    context: { workspace: Workspace },
  ) => Exclude<ReturnType<Handlers[N]>, Promise<unknown>>;
};

describe('browseHandlers', () => {
  const open = useBrowseWorkspace();
  const contextOf = (workspace: Workspace) => ({ workspace });

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
