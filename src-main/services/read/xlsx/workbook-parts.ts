import { posix } from 'node:path';
import { IntakeError } from '../../../../src-shared/errors';
import { dateKindOf, type DateKind } from './number-formats';
import { attributeText, nameIs, readTag, emptyTag, type Tag } from './xml-bytes';
import type { ZipPackage } from './zip-package';

/** One worksheet of a workbook (chart sheets and macro sheets are not tables, and are left out). */
export interface WorkbookSheet {
  name: string;
  /** Its part in the package, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
  hidden: boolean;
}

/** What a workbook's small parts say: its sheets, its date system, which cell styles are dates. */
export interface WorkbookInfo {
  sheets: WorkbookSheet[];
  date1904: boolean;
  /** The shared strings part, if any. */
  sharedStrings: string | null;
  /** By cell style index (a cell's `s`): what its number format shows. */
  styleKinds: DateKind[];
}

/** The small parts are kilobytes in real workbooks; this bounds what a crafted one can make us hold. */
const SMALL_PART_BYTES = 32 * 1024 * 1024;
const WORKSHEET_TYPE = /\/worksheet$/;
const SHARED_STRINGS_TYPE = /\/sharedStrings$/;
const OFFICE_DOCUMENT_TYPE = /\/officeDocument$/;
const STYLES_TYPE = /\/styles$/;

/** Reads the workbook's relationships, sheet list, date system and styles. */
export async function readWorkbookInfo(zip: ZipPackage, label: string): Promise<WorkbookInfo> {
  const workbookPart = await officeDocumentPart(zip, label);
  const rels = await relationships(zip, workbookPart);
  const workbook = await zip.read(workbookPart, SMALL_PART_BYTES);
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  forEachTag(workbook, (buf, tag) => {
    if (tag.closing) return;
    if (nameIs(buf, tag, 'workbookPr')) {
      const value = attributeText(buf, tag, 'date1904');
      date1904 = value === '1' || value === 'true';
    } else if (nameIs(buf, tag, 'sheet')) {
      const rel = rels.get(attributeText(buf, tag, 'id') ?? '');
      if (!rel || !WORKSHEET_TYPE.test(rel.type) || !zip.has(rel.part)) return;
      const state = attributeText(buf, tag, 'state');
      sheets.push({
        name: attributeText(buf, tag, 'name') ?? `Sheet${sheets.length + 1}`,
        part: rel.part,
        hidden: state === 'hidden' || state === 'veryHidden',
      });
    }
  });
  if (sheets.length === 0) {
    throw new IntakeError('PARSE', `${label} has no worksheets (only charts or macros).`, { file: label });
  }
  const sharedStrings = [...rels.values()].find((rel) => SHARED_STRINGS_TYPE.test(rel.type))?.part ?? null;
  const styles = [...rels.values()].find((rel) => STYLES_TYPE.test(rel.type))?.part ?? null;
  return {
    sheets,
    date1904,
    sharedStrings: sharedStrings && zip.has(sharedStrings) ? sharedStrings : null,
    styleKinds: styles && zip.has(styles) ? styleKinds(await zip.read(styles, SMALL_PART_BYTES)) : [],
  };
}

/** The workbook part the package's root relationships name (`xl/workbook.xml` in nearly every file). */
async function officeDocumentPart(zip: ZipPackage, label: string): Promise<string> {
  if (zip.has('_rels/.rels')) {
    const rels = await relationships(zip, '');
    const main = [...rels.values()].find((rel) => OFFICE_DOCUMENT_TYPE.test(rel.type));
    if (main && zip.has(main.part)) {
      if (!main.part.endsWith('.xml') || !/workbook/i.test(main.part) || !zip.has(main.part))
        notAWorkbook(label);
      return main.part;
    }
  }
  if (zip.has('xl/workbook.xml')) return 'xl/workbook.xml';
  return notAWorkbook(label);
}

function notAWorkbook(label: string): never {
  throw new IntakeError(
    'PARSE',
    `${label} is a ZIP archive but not an Excel workbook (.xlsx): it has no workbook part. Intake reads .xlsx workbooks, CSV, TSV and XML.`,
    { file: label },
  );
}

/** A part's relationships by id, with targets resolved to part names. */
async function relationships(
  zip: ZipPackage,
  sourcePart: string,
): Promise<Map<string, { type: string; part: string }>> {
  const folder = posix.dirname(sourcePart);
  const relsPart = posix.join(folder === '.' ? '' : folder, '_rels', `${posix.basename(sourcePart)}.rels`);
  const found = new Map<string, { type: string; part: string }>();
  if (!zip.has(relsPart)) return found;
  forEachTag(await zip.read(relsPart, SMALL_PART_BYTES), (buf, tag) => {
    if (tag.closing || !nameIs(buf, tag, 'Relationship')) return;
    if (attributeText(buf, tag, 'TargetMode') === 'External') return;
    const id = attributeText(buf, tag, 'Id');
    const target = attributeText(buf, tag, 'Target');
    if (!id || !target) return;
    // A target is relative to the source part's folder, or absolute from the package root.
    const part = target.startsWith('/')
      ? posix.normalize(target).slice(1)
      : posix.normalize(posix.join(folder === '.' ? '' : folder, target));
    found.set(id, { type: attributeText(buf, tag, 'Type') ?? '', part });
  });
  return found;
}

/** By cellXfs index: the date kind of each cell style's number format. */
function styleKinds(styles: Buffer): DateKind[] {
  const codes = new Map<number, string>();
  const kinds: DateKind[] = [];
  let inCellXfs = false;
  forEachTag(styles, (buf, tag) => {
    if (nameIs(buf, tag, 'cellXfs')) inCellXfs = !tag.closing && !tag.selfClosing;
    else if (tag.closing) return;
    else if (nameIs(buf, tag, 'numFmt')) {
      const id = Number(attributeText(buf, tag, 'numFmtId'));
      const code = attributeText(buf, tag, 'formatCode');
      if (Number.isInteger(id) && code !== null) codes.set(id, code);
    } else if (inCellXfs && nameIs(buf, tag, 'xf')) {
      const id = Number(attributeText(buf, tag, 'numFmtId') ?? 0);
      kinds.push(dateKindOf(id, codes.get(id)));
    }
  });
  return kinds;
}

/** Visits every element tag of a small part held whole (text is not needed from these parts). */
function forEachTag(buf: Buffer, visit: (buf: Buffer, tag: Tag) => void): void {
  const tag: Tag = emptyTag();
  for (let at = buf.indexOf(0x3c); at !== -1; at = buf.indexOf(0x3c, tag.end)) {
    if (!readTag(buf, at, tag)) return;
    if (!tag.special) visit(buf, tag);
  }
}
