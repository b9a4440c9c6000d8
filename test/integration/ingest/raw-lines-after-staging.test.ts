import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import { registerFile } from '../../../src-main/services/sources/register-file';
import { makeTestRuntime } from '../../support/runtime';

// Issue 16, stumble 11, past the preview: staging meets the parse error, the dataset keeps where
// (numbers only), and the `sources:rawLines` request — through the host's handler and the worker
// pool — shows the lines there.

describe('raw lines where staging failed', () => {
  let runtime: ReturnType<typeof makeTestRuntime>;
  beforeAll(() => {
    runtime = makeTestRuntime();
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  async function stageFailing(name: string, content: string, overrides: DialectOverrides = {}) {
    const path = join(runtime.workspace.dir, name);
    writeFileSync(path, content);
    const source = await registerFile(runtime.workspace.db, path);
    const preview = await previewFile(path, overrides);
    const dataset = await runtime.staging.settled(runtime.staging.start(source, preview).id);
    expect(dataset.status).toBe('failed');
    return { source, dataset };
  }

  it('a quote never closed, read strictly: the row kept with the dataset, found on its line', async () => {
    // A two-line value early on: row 60,002 starts on line 60,003.
    const content = `a,b\n1,"two\nlines"\n${'1,2\n'.repeat(60_000)}3,"never closed\n4,5\n`;
    const { source, dataset } = await stageFailing('broken.csv', content, { lenientQuotes: false });
    expect(dataset.error).toMatchObject({ code: 'PARSE', details: { row: 60_003, field: 2 } });
    const raw = await runtime.handlers['sources:rawLines']({
      sourceId: source.id,
      overrides: { lenientQuotes: false },
      at: { row: dataset.error!.details!.row! },
      around: 1,
    });
    const expectedLine = content.split('\n').indexOf('3,"never closed') + 1;
    expect(expectedLine).toBe(60_004);
    expect(raw.target).toBe(expectedLine);
    expect(raw.lines.map((line) => line.text)).toEqual(['1,2', '3,"never closed', '4,5']);
  });

  it('broken XML far into the file: its line and column kept, the line shown with the column in it', async () => {
    const records = Array.from({ length: 6000 }, (_, i) =>
      i === 5000 ? `<r><id>${i}</id></ri>` : `<r><id>${i}</id></r>`,
    );
    const content = `<?xml version="1.0"?>\n<rows>\n${records.join('\n')}\n</rows>\n`;
    const { source, dataset } = await stageFailing('broken.xml', content);
    expect(dataset.error?.code).toBe('PARSE');
    const { line, column } = dataset.error!.details as { line: number; column: number };
    expect(line).toBe(5003);
    const raw = await runtime.handlers['sources:rawLines']({
      sourceId: source.id,
      overrides: {},
      at: { line, column },
      around: 0,
    });
    expect(raw.format).toBe('xml');
    expect(raw.lines).toEqual([{ number: 5003, text: '<r><id>5000</id></ri>', cutBefore: 0, cutAfter: 0 }]);
    expect(raw.lines[0]!.text.slice(0, column)).toContain('</ri');
  });
});
