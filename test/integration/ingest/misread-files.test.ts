import { afterAll, describe, expect, it } from 'vitest';
import { previewFile } from '../../../src-main/services/preview/preview-source';
import { writeFixture } from '../../support/import-run';
import { makeTempDir } from '../../support/temp-dir';

// Hardening #5–#7: files that used to be misread or misdescribed.

const temp = makeTempDir();
afterAll(() => temp.remove());

describe('files that were misread', () => {
  it('#9: a UTF-16 file with an odd byte count says its last byte is left out', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('a,b\n1,2\n', 'utf16le'),
      Buffer.from([0x41]),
    ]);
    const preview = await previewFile(writeFixture(temp.dir, 'odd.csv', bytes));
    expect(preview.dialect.encoding).toBe('utf-16le');
    expect(preview.issues).toContainEqual(
      expect.objectContaining({
        code: 'stray-byte',
        message: expect.stringMatching(/odd number of bytes \(19\)/),
      }),
    );
  });

  it('#5: a comma file of formulas with pipes inside one column is comma-delimited with its header', async () => {
    const lines = ['x,y', ...Array.from({ length: 3000 }, () => "=1+2,=cmd|' /C calc'!A0")];
    const preview = await previewFile(writeFixture(temp.dir, 'formulas.csv', `${lines.join('\n')}\n`));
    expect(preview.dialect).toMatchObject({ delimiter: ',', hasHeader: true });
    expect(preview.header).toEqual(['x', 'y']);
    expect(preview.rows[0]).toEqual(['=1+2', "=cmd|' /C calc'!A0"]);
  });

  it('#6: a header with empty and repeated names over text rows is a header, with both warned', async () => {
    const preview = await previewFile(
      writeFixture(
        temp.dir,
        'names.csv',
        'id,,name,name,,id,\nc1,a,Ann,Anna,x,c1,\nc2,b,Bob,Bobby,y,c2,\nc3,c,Cid,Cidney,z,c3,\n',
      ),
    );
    expect(preview.dialect.hasHeader).toBe(true);
    expect(preview.rows).toHaveLength(3);
    expect(preview.issues.map((issue) => issue.message).join('\n')).toMatch(/3 columns have no header name/);
    expect(preview.issues.map((issue) => issue.message).join('\n')).toMatch(
      /Duplicate header names: "id" ×2, "name" ×2/,
    );
  });

  it('#7: a 400,000-name header and one row says it is too wide, with the count and the limit', async () => {
    const names = Array.from({ length: 400_000 }, (_, i) => `column_name_${i}`).join(',');
    const file = writeFixture(temp.dir, 'wide.csv', `${names}\n${'1,'.repeat(399_999)}1\n`);
    await expect(previewFile(file)).rejects.toMatchObject({
      code: 'LIMIT',
      message: expect.stringMatching(/400,000 columns, over the 10,000 Intake can preview and map/),
    });
    // A first row longer than the largest head read: said so, not "no rows".
    const endless = writeFixture(temp.dir, 'endless.csv', 'x'.repeat(20 * 1024 * 1024));
    await expect(previewFile(endless)).rejects.toMatchObject({
      code: 'LIMIT',
      message: expect.stringMatching(/^The first row is longer than/),
    });
  });
});
