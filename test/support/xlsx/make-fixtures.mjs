// Writes the Excel fixtures in test/fixtures/xlsx/ (described in that folder's README.md) for the .xlsx
// reader's tests. Run with `node test/support/xlsx/make-fixtures.mjs`; the output is committed, so the
// script must be deterministic: every zip entry gets a fixed date and exceljs gets fixed document dates.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/xlsx');
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const utc = (iso) => new Date(`${iso}Z`);

// ---------------------------------------------------------------------------------------------------------
// Zip helpers

/**
 * Zips `entries` ([name, content] pairs) in the given order: jszip keeps insertion order, and the order is
 * part of what some fixtures test. No folder entries are added (Excel writes none).
 */
async function zipEntries(entries) {
  const zip = new JSZip();
  for (const [name, content] of entries) {
    zip.file(name, content, { date: FIXED_DATE, createFolders: false });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * exceljs zips with jszip but stamps every entry with the current time, so its output is re-zipped here:
 * same entries (folder entries included), same order, same bytes, only the dates fixed.
 */
async function rezipWithFixedDates(buffer) {
  const source = await JSZip.loadAsync(buffer);
  const zip = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) zip.file(entry.name, null, { dir: true, date: FIXED_DATE, createFolders: false });
    else zip.file(entry.name, await entry.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A workbook with fixed document properties, so docProps/core.xml does not change between runs. */
function newWorkbook() {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Intake fixtures';
  workbook.lastModifiedBy = 'Intake fixtures';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  return workbook;
}

async function writeWorkbook(workbook, fileName) {
  return writeFixture(fileName, await rezipWithFixedDates(await workbook.xlsx.writeBuffer()));
}

function writeFixture(fileName, bytes) {
  const path = join(OUT_DIR, fileName);
  writeFileSync(path, bytes);
  return path;
}

// ---------------------------------------------------------------------------------------------------------
// a. typed.xlsx: one cell of every kind exceljs writes, on a "Customers" sheet, plus an empty sheet.

const CUSTOMER_HEADER = [
  'id',
  'name',
  'price',
  'qty',
  'active',
  'signup',
  'last_seen',
  'at_time',
  'share',
  'total',
  'status',
  'link',
  'note',
];

// Columns F to I carry number formats; a cell left undefined below stays blank (no <c> written).
const CUSTOMER_FORMATS = { 6: 'yyyy-mm-dd', 7: 'yyyy-mm-dd hh:mm:ss', 8: 'hh:mm', 9: '0%' };

const CUSTOMERS = [
  {
    id: '00123',
    name: 'Dvořáková',
    price: 6.1,
    qty: 3,
    active: true,
    signup: utc('2024-06-01T00:00:00'),
    lastSeen: utc('2024-06-01T13:45:30'),
    atTime: 0.5,
    share: 0.25,
    status: 'active',
    link: { text: 'Example', hyperlink: 'https://example.com' },
    note: { richText: [{ text: 'Bold', font: { bold: true } }, { text: ' and plain' }] },
  },
  {
    id: '00456',
    name: '東京',
    price: 2995.74,
    qty: 2,
    active: false,
    signup: utc('1999-12-31T00:00:00'),
    lastSeen: utc('1999-12-31T23:59:59'),
    atTime: 0.75,
    share: 1,
    status: 'active',
    note: 'Japanese name',
  },
  {
    id: '00789',
    // A comma, a double quote and a newline in one value: what a CSV writer must quote.
    name: 'Novák, Jan "JJ"\nsecond line',
    price: 0.1 + 0.2,
    qty: 10,
    active: true,
    // Serial 61: the first day after Excel's phantom 1900-02-29.
    signup: utc('1900-03-01T00:00:00'),
    lastSeen: utc('2024-02-29T08:00:00'),
    atTime: 0.3125,
    share: 0.5,
    status: 'pending',
    note: 'price is 0.1 + 0.2',
  },
  {
    id: '01000',
    name: 'Łukasz Żółć',
    price: -5,
    qty: 1,
    active: false,
    signup: utc('2000-02-29T00:00:00'),
    lastSeen: utc('2000-02-29T00:00:01'),
    atTime: 0,
    share: 0,
    status: { error: '#N/A' },
    note: 'status is an error',
  },
  {
    id: '00007',
    name: 'Tiny price',
    price: 1e-7,
    qty: 1000000,
    active: true,
    signup: utc('2024-12-31T00:00:00'),
    lastSeen: utc('2025-01-01T00:00:00'),
    atTime: 0.5,
    share: 0.125,
    status: 'active',
    note: 'price is 1e-7',
  },
  {
    // Blank cells in the middle of the row: price, qty, signup, at_time, share and link.
    id: '00008',
    name: 'Gaps',
    active: true,
    lastSeen: utc('2024-06-02T06:07:08'),
    status: 'inactive',
    note: 'middle cells blank',
  },
  {
    // The row ends at column E: everything after `active` is blank, the total formula included.
    id: '00009',
    name: 'Trailing blanks',
    price: 12.5,
    qty: 4,
    active: false,
    noTotal: true,
  },
  {
    id: '00010',
    name: 'Last row',
    price: 100,
    qty: 1,
    active: true,
    signup: utc('2024-06-01T00:00:00'),
    lastSeen: utc('2024-06-01T23:59:59'),
    atTime: 0.999988425925926,
    share: 0.99,
    status: 'active',
    note: 'end',
  },
];

/** The cached result is the binary64 product price * qty, as Excel stores it; blank inputs count as 0. */
function totalFormula(customer, rowNumber) {
  if (customer.noTotal) return undefined;
  return { formula: `C${rowNumber}*D${rowNumber}`, result: (customer.price ?? 0) * (customer.qty ?? 0) };
}

function customerCells(customer, rowNumber) {
  const c = customer;
  return [c.id, c.name, c.price, c.qty, c.active, c.signup, c.lastSeen, c.atTime, c.share]
    .concat(totalFormula(c, rowNumber))
    .concat([c.status, c.link, c.note]);
}

async function makeTyped() {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('Customers');
  sheet.addRow(CUSTOMER_HEADER);
  CUSTOMERS.forEach((customer, index) => {
    const row = sheet.getRow(index + 2);
    customerCells(customer, index + 2).forEach((value, col) => {
      if (value === undefined) return;
      const cell = row.getCell(col + 1);
      cell.value = value;
      if (CUSTOMER_FORMATS[col + 1]) cell.numFmt = CUSTOMER_FORMATS[col + 1];
    });
  });
  workbook.addWorksheet('Empty');
  return writeWorkbook(workbook, 'typed.xlsx');
}

// ---------------------------------------------------------------------------------------------------------
// b. layout.xlsx: a notes sheet first, a table that starts on row 4 under a title and merged group headers,
// a hidden sheet and a summary sheet.

const ORDERS = [
  [1, 'Alice Novak', 'alice@example.com', 'SO-1001', 120.5],
  [2, 'Bohdan Král', 'bohdan@example.com', 'SO-1002', 75],
  [3, 'Chen Wei', 'chen@example.com', 'SO-1003', 1999.99],
  [4, 'Dana Svobodová', 'dana@example.com', 'SO-1004', 0],
  [5, 'Emil Horák', 'emil@example.com', 'SO-1005', 310.25],
  [6, 'Fatima Zahra', 'fatima@example.com', 'SO-1006', 42],
  [7, 'Gustav Berg', 'gustav@example.com', 'SO-1007', 18.75],
  [8, 'Hana Černá', 'hana@example.com', 'SO-1008', 560],
  [9, 'Ivan Petrov', 'ivan@example.com', 'SO-1009', 89.9],
  [10, 'Jana Veselá', 'jana@example.com', 'SO-1010', 1234.56],
];

async function makeLayout() {
  const workbook = newWorkbook();

  const readMe = workbook.addWorksheet('Read me');
  readMe.addRows([
    ['About this workbook'],
    ['Orders are on the "Orders" sheet, header on row 4.'],
    ['Amounts are in EUR.'],
  ]);

  const orders = workbook.addWorksheet('Orders');
  orders.getCell('A1').value = 'Orders report Q2';
  orders.getCell('B3').value = 'Customer';
  orders.getCell('D3').value = 'Order';
  orders.mergeCells('B3:C3');
  orders.mergeCells('D3:E3');
  orders.getRow(4).values = ['id', 'name', 'email', 'number', 'amount'];
  ORDERS.forEach((order, index) => (orders.getRow(index + 5).values = order));

  const hidden = workbook.addWorksheet('Hidden data', { state: 'hidden' });
  hidden.addRows([
    ['key', 'value'],
    ['region', 'EU'],
    ['currency', 'EUR'],
  ]);

  const summary = workbook.addWorksheet('Summary');
  summary.addRows([
    ['metric', 'value'],
    ['orders', ORDERS.length],
    ['revenue', 4450.95], // the sum of the amounts on "Orders", rounded to cents
  ]);

  return writeWorkbook(workbook, 'layout.xlsx');
}

// ---------------------------------------------------------------------------------------------------------
// c. shared-strings-after-sheet.xlsx: a hand-built minimal package whose worksheet is zipped BEFORE the
// shared strings it refers to (exceljs's streaming reader loses the strings then), with string items that
// need care: rich text runs, a phonetic run, preserved spaces, _x000D_ and an entity.

const CONTENT_TYPES_SST = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>`;

const ROOT_RELS = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">
<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>`;

const WORKBOOK_SST = `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">
<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets>
</workbook>`;

const WORKBOOK_RELS_SST = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">
<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>`;

const STYLES_MINIMAL = `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">
<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>
</styleSheet>`;

// Indices into this list are the cell values of t="s" cells below; the comments give the decoded text.
const SHARED_STRINGS = [
  '<si><t>code</t></si>', // 0
  '<si><t>city</t></si>', // 1
  '<si><t>amount</t></si>', // 2
  '<si><t>A-001</t></si>', // 3
  '<si><r><t>Pra</t></r><r><rPr><b/></rPr><t>ha</t></r></si>', // 4 "Praha"
  '<si><t>A-002</t></si>', // 5
  // 6 "東京": the reading in <rPh> is not part of the value.
  '<si><t>東京</t><rPh sb="0" eb="1"><t>ignored</t></rPh><phoneticPr fontId="0" type="noConversion"/></si>',
  '<si><t>A-003</t></si>', // 7
  '<si><t xml:space="preserve">  Brno  </t></si>', // 8 "  Brno  "
  '<si><t>A-004</t></si>', // 9
  '<si><t xml:space="preserve">Ostrava &amp; Poruba_x000D_\nsecond line</t></si>', // 10 "…\r\nsecond line"
  '<si><t>A-005</t></si>', // 11
  '<si><t>Plzeň</t></si>', // 12
];

// [code, city, amount] per row: a shared string is `{ s: index }` (t="s"), a number is written bare.
const sst = (index) => ({ s: index });
const SST_ROWS = [
  [sst(0), sst(1), sst(2)],
  [sst(3), sst(4), 1250.5],
  [sst(5), sst(6), 99],
  [sst(7), sst(8), -3.25],
  [sst(9), sst(10), 0],
  [sst(11), sst(12), 42],
];

function sstCellXml(value, ref) {
  return typeof value === 'number'
    ? `<c r="${ref}"><v>${value}</v></c>`
    : `<c r="${ref}" t="s"><v>${value.s}</v></c>`;
}

function sstRowXml(cells, index) {
  const r = index + 1;
  return `<row r="${r}">${cells.map((value, col) => sstCellXml(value, `${'ABC'[col]}${r}`)).join('')}</row>`;
}

async function makeSharedStringsAfterSheet() {
  const sheet = `${XML_DECL}<worksheet xmlns="${MAIN_NS}">
<dimension ref="A1:C6"/>
<sheetData>
${SST_ROWS.map(sstRowXml).join('\n')}
</sheetData>
</worksheet>`;
  // count is the number of t="s" cells, uniqueCount the number of <si> items.
  const count = SST_ROWS.flat().filter((value) => typeof value !== 'number').length;
  const sharedStrings = `${XML_DECL}<sst xmlns="${MAIN_NS}" count="${count}" uniqueCount="${SHARED_STRINGS.length}">
${SHARED_STRINGS.join('\n')}
</sst>`;
  const bytes = await zipEntries([
    ['[Content_Types].xml', CONTENT_TYPES_SST],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', WORKBOOK_SST],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS_SST],
    ['xl/styles.xml', STYLES_MINIMAL],
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/sharedStrings.xml', sharedStrings],
  ]);
  return writeFixture('shared-strings-after-sheet.xlsx', bytes);
}

// ---------------------------------------------------------------------------------------------------------
// d. odd-package.xlsx: legal but unusual SpreadsheetML: an `x:` prefix on every element, the worksheet at
// an absolute, non-default path, the 1904 date system, implied cell and row positions, every cell type but
// shared strings (there is no sharedStrings.xml), and number formats that are and are not dates.

const CONTENT_TYPES_ODD = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/data/first.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>`;

const WORKBOOK_ODD = `${XML_DECL}<x:workbook xmlns:x="${MAIN_NS}" xmlns:r="${REL_NS}">
<x:workbookPr date1904="1"/>
<x:sheets><x:sheet name="Odd" sheetId="1" r:id="rId1"/></x:sheets>
</x:workbook>`;

// An absolute target is resolved from the package root, not from xl/.
const WORKBOOK_RELS_ODD = `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">
<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="/xl/data/first.xml"/>
<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>
</Relationships>`;

// cellXfs: 0 General, 1 built-in 14 (a date), 2 custom date 164, 3 "Kč" currency 165, 4 `0.00 "d."` 166.
// Neither 165 nor 166 is a date: their only date-like letters are inside quotes.
const STYLES_ODD = `${XML_DECL}<x:styleSheet xmlns:x="${MAIN_NS}">
<x:numFmts count="3">
<x:numFmt numFmtId="164" formatCode="[$-409]d\\-mmm\\-yy;@"/>
<x:numFmt numFmtId="165" formatCode="#,##0.00 &quot;Kč&quot;"/>
<x:numFmt numFmtId="166" formatCode="0.00 &quot;d.&quot;"/>
</x:numFmts>
<x:fonts count="1"><x:font><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts>
<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>
<x:borders count="1"><x:border><x:left/><x:right/><x:top/><x:bottom/><x:diagonal/></x:border></x:borders>
<x:cellStyleXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs>
<x:cellXfs count="5">
<x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<x:xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<x:xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<x:xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<x:xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</x:cellXfs>
</x:styleSheet>`;

const inline = (text, ref = '') =>
  `<x:c${ref && ` r="${ref}"`} t="inlineStr"><x:is><x:t>${text}</x:t></x:is></x:c>`;

// One string per row so each quirk can be found by line. Row 4 is absent (blank); rows 3 and 6 rely on
// implied positions.
const ODD_ROWS = [
  // Row 1: header, everything explicit.
  `<x:row r="1">${['label', 'date', 'amount', 'flag', 'note'].map((t, i) => inline(t, `${'ABCDE'[i]}1`)).join('')}</x:row>`,
  // Row 2: explicit row number, no cell refs (A2..E2 by order). B2: 1904 serial 43982 = 2024-06-01.
  `<x:row r="2">${inline('a&amp;')}<x:c s="1"><x:v>43982</x:v></x:c><x:c s="3"><x:v>1234.5</x:v></x:c>` +
    `<x:c t="b"><x:v>1</x:v></x:c><x:c t="str"><x:f>A2&amp;"x"</x:f><x:v>a&amp;x</x:v></x:c></x:row>`,
  // Row 3: no row number (follows row 2) and no cell refs.
  `<x:row>${inline('b')}<x:c t="d"><x:v>2024-06-01T10:00:00Z</x:v></x:c><x:c s="4"><x:v>7</x:v></x:c>` +
    `<x:c t="b"><x:v>0</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c></x:row>`,
  // Row 5 after row 3: a custom date format, a styled-but-blank cell and gaps (B5, D5 absent).
  `<x:row r="5">${inline('c', 'A5')}<x:c r="C5" s="1"/><x:c r="E5" s="2"><x:v>43000</x:v></x:c></x:row>`,
  // Row 6: refs on some cells only; a cell without r follows the previous one (C6 after B6, E6 after D6).
  `<x:row r="6"><x:c r="B6"><x:v>-0.5</x:v></x:c>${inline('after B6')}` +
    `<x:c r="D6" t="b"><x:v>1</x:v></x:c>${inline('after D6')}</x:row>`,
];

async function makeOddPackage() {
  const sheet = `${XML_DECL}<x:worksheet xmlns:x="${MAIN_NS}" xmlns:r="${REL_NS}">
<x:sheetData>
${ODD_ROWS.join('\n')}
</x:sheetData>
</x:worksheet>`;
  const bytes = await zipEntries([
    ['[Content_Types].xml', CONTENT_TYPES_ODD],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', WORKBOOK_ODD],
    ['xl/_rels/workbook.xml.rels', WORKBOOK_RELS_ODD],
    ['xl/styles.xml', STYLES_ODD],
    ['xl/data/first.xml', sheet],
  ]);
  return writeFixture('odd-package.xlsx', bytes);
}

// ---------------------------------------------------------------------------------------------------------
// e. wide-and-sparse.xlsx: 300 header columns and three data rows with values in A, ET and KN only.

async function makeWideAndSparse() {
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet('Wide');
  sheet.addRow(Array.from({ length: 300 }, (_, i) => `col_${i + 1}`));
  for (let n = 1; n <= 3; n++) {
    const row = sheet.getRow(n + 1);
    row.getCell(1).value = `row ${n}`;
    row.getCell(150).value = n * 150;
    row.getCell(300).value = `end ${n}`;
  }
  return writeWorkbook(workbook, 'wide-and-sparse.xlsx');
}

// ---------------------------------------------------------------------------------------------------------
// f. Files that are not workbooks, for clear refusals.

async function makeNotAWorkbook() {
  const contentTypes = `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;
  const document = `${XML_DECL}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>This is a word-processing document, not a workbook.</w:t></w:r></w:p></w:body>
</w:document>`;
  const bytes = await zipEntries([
    ['[Content_Types].xml', contentTypes],
    ['word/document.xml', document],
  ]);
  return writeFixture('not-a-workbook.xlsx', bytes);
}

/** The OLE2 compound-file signature that starts every legacy .xls, padded to one 512-byte sector. */
function makeLegacyXls() {
  const bytes = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
  return writeFixture('legacy.xls', bytes);
}

/** The first 60% of typed.xlsx: local entries survive, the central directory at the end does not. */
function makeTruncated(typedPath) {
  const typed = readFileSync(typedPath);
  return writeFixture('truncated.xlsx', typed.subarray(0, Math.floor(typed.length * 0.6)));
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const typedPath = await makeTyped();
  await makeLayout();
  await makeSharedStringsAfterSheet();
  await makeOddPackage();
  await makeWideAndSparse();
  await makeNotAWorkbook();
  makeLegacyXls();
  makeTruncated(typedPath);
}

await main();
