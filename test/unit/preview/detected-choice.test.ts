import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import { makeTempDir } from '../../support/temp-dir';

// Issue 16, stumble 9: after an override the dialect bar must still mark what detection chose, so
// the preview says it whatever the person picked.

const temp = makeTempDir();
afterAll(() => temp.remove());

describe("detection's own choice", () => {
  const path = join(temp.dir, 'zakaznici.csv');
  writeFileSync(
    path,
    iconv.encode('id;jméno;město\r\n1;Dvořák;Plzeň\r\n2;Černá;Brno\r\n3;Šťastný;Ústí\r\n', 'cp1250'),
  );

  it('is kept beside the chosen encoding and delimiter', async () => {
    const detected = await previewFile(path);
    expect(detected.detected).toEqual({ encoding: 'cp1250', delimiter: ';' });
    const overridden = await previewFile(path, { delimiter: ',', encoding: 'latin1' });
    expect(overridden.dialect).toMatchObject({ delimiter: ',', encoding: 'latin1' });
    expect(overridden.detected).toEqual({ encoding: 'cp1250', delimiter: ';' });
  });
});
