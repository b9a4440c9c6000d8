import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PreviewCache } from '../../../src-main/services/preview/preview-cache';
import { readPreview } from '../../../src-main/services/preview/preview-source';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
afterAll(() => temp.remove());

function source(content: string) {
  const path = join(temp.dir, `${Math.random()}.csv`);
  writeFileSync(path, content);
  return { id: path, spec: { kind: 'file' as const, path }, path };
}

/** Previews in this thread instead of the pool, with the same task the pool runs. */
const previewInline = () =>
  new PreviewCache((task) => ({ done: readPreview(task), cancel: () => undefined }), {
    workspaceDir: temp.dir,
  });

describe('preview cache', () => {
  it('gives staging the preview the user just saw, per dialect setting', async () => {
    const cache = previewInline();
    const file = source('a;b\n1;2\n3;4\n');
    const shown = await cache.get(file, {}, 100);
    expect(await cache.get(file, {})).toBe(shown);
    const other = await cache.get(file, { delimiter: ',' });
    expect(other).not.toBe(shown);
    expect(other.dialect.delimiter).toBe(',');
    expect(await cache.get(file, {}, 1)).toEqual({ ...shown, rows: [['1', '2']] });
  });

  it('reads the head again when the file changed on disk', async () => {
    const cache = previewInline();
    const file = source('a,b\n1,2\n');
    const before = await cache.get(file, {});
    writeFileSync(file.path, 'a,b,c\n1,2,3\n');
    utimesSync(file.path, new Date(), new Date(Date.now() + 5000));
    const after = await cache.get(file, {});
    expect(before.header).toEqual(['a', 'b']);
    expect(after.header).toEqual(['a', 'b', 'c']);
  });
});
