import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewFile } from '../../../../src-main/services/preview/preview-source';
import { registerFile } from '../../../../src-main/services/sources/register-file';
import { makeTestRuntime } from '../../../support/runtime';

// Issue 17 end to end: a feed with a DOCTYPE is previewed and staged through the real worker pool, as
// test/integration/ingest/staging.test.ts stages its XML, so both paths read the same expanded values.

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../../fixtures/xml/${name}`, import.meta.url));

describe('staging feeds with a DOCTYPE', () => {
  let runtime: ReturnType<typeof makeTestRuntime>;
  beforeAll(() => {
    runtime = makeTestRuntime();
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  async function stage(path: string) {
    const source = await registerFile(runtime.workspace.db, path);
    const preview = await previewFile(path);
    const started = runtime.staging.start(source, preview);
    return { preview, dataset: await runtime.staging.settled(started.id) };
  }

  it('previews and stages an RSS 0.91 feed naming the Netscape DTD, HTML entities as characters', async () => {
    const path = join(runtime.workspace.dir, 'netscape.xml');
    copyFileSync(fixture('rss-091-netscape.xml'), path);
    const { preview, dataset } = await stage(path);
    const expected = [
      ['Crème brûlée\u00a0& café', 'https://example.com/items/1?a=1&b=2', 'Only 4€\u00a0– «délicieux»'],
      ['Über ß and αβγ', 'https://example.com/items/2', '5 × 3 ≠ 16 … ™'],
    ];
    expect(preview.rows).toEqual(expected);
    expect(dataset).toMatchObject({
      status: 'ready',
      rowCount: 2,
      columns: ['title', 'link', 'description'],
    });
    const page = await runtime.staging.rows(dataset.id, 0, 5, {});
    expect(page.rows.map((row) => row.cells)).toEqual(expected);
  });

  it('stages a product feed with nested internal entities', async () => {
    const path = join(runtime.workspace.dir, 'products.xml');
    copyFileSync(fixture('product-feed-entities.xml'), path);
    const { dataset } = await stage(path);
    expect(dataset).toMatchObject({ status: 'ready', rowCount: 2 });
    expect(dataset.columns).toEqual(['product@id', 'product@maker', 'name', 'shipping', 'about']);
    const page = await runtime.staging.rows(dataset.id, 0, 5, {});
    expect(page.rows.map((row) => row.cells[4])).toEqual([
      'Ships from Café\u00a0Intake & partners — since 2001',
      'Plain text',
    ]);
  });

  it('fails staging, keeping no rows, when a blowup starts past the preview head', async () => {
    // The head (64 KB) holds plain records; the references to a 60,000-character entity come after it.
    const plain = Array.from({ length: 2000 }, (_, i) => `<row><id>${i + 1}</id><note>n</note></row>`);
    const bombs = Array.from({ length: 200 }, (_, i) => `<row><id>b${i}</id><note>&big;</note></row>`);
    const xml =
      `<?xml version="1.0"?>\n<!DOCTYPE rows [<!ENTITY big "${'x'.repeat(60_000)}">]>\n` +
      `<rows>\n${plain.join('\n')}\n${bombs.join('\n')}\n</rows>\n`;
    const path = join(runtime.workspace.dir, 'late-bomb.xml');
    writeFileSync(path, xml);
    const { preview, dataset } = await stage(path);
    expect(preview.rows.length).toBeGreaterThan(0);
    expect(dataset.status).toBe('failed');
    expect(dataset.rowCount).toBe(0);
    expect(dataset.error).toMatchObject({
      code: 'PARSE',
      message: expect.stringMatching(
        /^XML entities expand too far: &big; at line 2170, column \d+ expands to 60,000/,
      ),
    });
  });

  it('refuses an XXE feed in the preview, before anything is staged', async () => {
    const path = join(runtime.workspace.dir, 'xxe.xml');
    copyFileSync(fixture('external-entity.xml'), path);
    await expect(previewFile(path)).rejects.toMatchObject({
      code: 'PARSE',
      message: expect.stringMatching(/^XML declares the external entity "xxe"/),
    });
  });
});
