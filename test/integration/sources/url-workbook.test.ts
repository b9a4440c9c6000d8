import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import type { Preview } from '../../../src-shared/model/preview';
import type { SourceRef } from '../../../src-shared/model/source';
import { importAndWait, rows } from '../../support/import-run';
import { makeTestRuntime } from '../../support/runtime';
import { quick } from '../runs/run-helpers';
// @ts-expect-error -- a plain .mjs test server, shared with the browser suite
import { startFeedServer } from '../../servers/feed-server.mjs';

// An Excel workbook from a URL feed (a real local HTTP server): a ZIP keeps its directory at its
// end, so the workbook is fetched whole for the preview and written to a temporary file beside the
// dataset for staging — a file that must be gone after the run.

const fixture = (name: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/xlsx/${name}`, import.meta.url)));

let feed: { url: string; close(): Promise<void> };
const runtime = makeTestRuntime('web');
beforeAll(async () => {
  feed = (await startFeedServer({
    files: { '/exports/orders.xlsx': fixture('layout.xlsx'), '/exports/old.xls': fixture('legacy.xls') },
  })) as typeof feed;
});
afterAll(async () => {
  await feed.close();
  await runtime.dispose();
});

async function call<T>(
  name: string,
  payload: unknown,
): Promise<{ ok: true; data: T } | { ok: false; error: { code: string; message: string } }> {
  return (await dispatch(runtime.handlers, name as never, payload as never)) as never;
}

describe('an Excel workbook from a URL feed', () => {
  it('previews its table sheet and imports every row, leaving no temporary workbook behind', async () => {
    const added = await call<SourceRef>('sources:add', {
      kind: 'url',
      url: `${feed.url}/exports/orders.xlsx`,
      connectionId: null,
    });
    if (!added.ok) throw new Error(added.error.message);
    const preview = await call<Preview>('sources:preview', { sourceId: added.data.id });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.data).toMatchObject({
      format: 'xlsx',
      dialect: { sheet: 'Orders', skipLines: 2, headerRows: 2 },
    });
    expect(preview.data.rows[0]).toEqual(['1', 'Alice Novak', 'alice@example.com', 'SO-1001', '120.5']);

    const run = await importAndWait(runtime, {
      source: { kind: 'url', url: `${feed.url}/exports/orders.xlsx`, connectionId: null },
      quick: quick('customers', { ids: ['id=registered'] }),
      name: 'orders from the feed',
    });
    expect(run).toMatchObject({ status: 'succeeded', rows: { read: 10, imported: 10, rejected: 0 } });
    const stored = rows<{ value: string }>(
      runtime,
      "SELECT value FROM customer_ids WHERE id_type = 'registered' ORDER BY CAST(value AS INTEGER)",
    );
    expect(stored.map((row) => row.value)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const leftovers = readdirSync(runtime.workspace.dir, { recursive: true }).filter((name) =>
      String(name).endsWith('.xlsx'),
    );
    expect(leftovers).toEqual([]);
  });

  it('refuses an old .xls from a feed with what to do', async () => {
    const added = await call<SourceRef>('sources:add', {
      kind: 'url',
      url: `${feed.url}/exports/old.xls`,
      connectionId: null,
    });
    if (!added.ok) throw new Error(added.error.message);
    const preview = await call<Preview>('sources:preview', { sourceId: added.data.id });
    expect(preview).toMatchObject({
      ok: false,
      error: {
        code: 'PARSE',
        message: expect.stringContaining('"old.xls" is an Excel 97–2003 workbook (.xls)'),
      },
    });
  });
});
