import { IntakeError } from '../../../../src-shared/errors';
import type { CellContext } from './cell-values';
import { readSharedStrings, type SharedStrings } from './shared-strings';
import { SheetScanner, type SheetConsumer } from './sheet-scanner';
import { readWorkbookInfo, type WorkbookInfo, type WorkbookSheet } from './workbook-parts';
import { damaged, openZipPackage, type PackageInput, type ZipPackage } from './zip-package';

/** An opened .xlsx: its sheets and date system, and the reads a preview or a staging job makes. */
export interface Workbook {
  info: WorkbookInfo;
  /** The sheet of that name, or a clear error naming the sheets there are. */
  sheet(name: string): WorkbookSheet;
  /** A sheet part's unpacked size in bytes. */
  sheetBytes(sheet: WorkbookSheet): number;
  /** The shared strings (all, or up to index `upTo`), or null when the workbook has none. */
  strings(upTo?: number): Promise<SharedStrings | null>;
  /**
   * Streams a sheet's cells to `consumer` until its end or until the consumer stops; returns the
   * merged ranges when the scan reached the end. `onChunk` hears the unpacked bytes read so far.
   */
  scan(
    sheet: WorkbookSheet,
    consumer: SheetConsumer,
    onChunk?: (unpacked: number) => void,
  ): Promise<string[] | null>;
  close(): void;
}

/** The cell context of a workbook, once its strings are loaded. */
export function cellContext(workbook: Workbook, strings: SharedStrings | null): CellContext {
  return { styleKinds: workbook.info.styleKinds, date1904: workbook.info.date1904, strings };
}

/** Opens a workbook's package and reads its small parts; `label` names it in messages. */
export async function openWorkbook(input: PackageInput, label: string): Promise<Workbook> {
  const zip = await openZipPackage(input, label);
  let info: WorkbookInfo;
  try {
    info = await readWorkbookInfo(zip, label);
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    info,
    sheet(name) {
      const found = info.sheets.find((sheet) => sheet.name === name);
      if (found) return found;
      throw new IntakeError(
        'VALIDATION',
        `${label} has no sheet "${name}"; its sheets are ${info.sheets.map((sheet) => `"${sheet.name}"`).join(', ')}.`,
        { file: label, sheet: name },
      );
    },
    sheetBytes: (sheet) => zip.size(sheet.part),
    async strings(upTo) {
      if (!info.sharedStrings) return null;
      const part = info.sharedStrings;
      try {
        return await readSharedStrings(await zip.stream(part), zip.size(part), label, upTo);
      } catch (error) {
        throw error instanceof IntakeError ? error : damaged(label, part, error);
      }
    },
    scan: (sheet, consumer, onChunk) => scanSheet(zip, sheet, consumer, label, onChunk),
    close: () => zip.close(),
  };
}

async function scanSheet(
  zip: ZipPackage,
  sheet: WorkbookSheet,
  consumer: SheetConsumer,
  label: string,
  onChunk?: (unpacked: number) => void,
): Promise<string[] | null> {
  const scanner = new SheetScanner(consumer, `${label} (sheet "${sheet.name}")`);
  const stream = await zip.stream(sheet.part);
  let unpacked = 0;
  try {
    for await (const chunk of stream) {
      scanner.push(chunk as Buffer);
      unpacked += (chunk as Buffer).length;
      onChunk?.(unpacked);
      if (scanner.isStopped) {
        stream.destroy();
        return null;
      }
    }
  } catch (error) {
    stream.destroy();
    throw error instanceof IntakeError ? error : damaged(label, sheet.part, error);
  }
  scanner.end();
  return scanner.merges;
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether a source's first bytes are a ZIP archive's (an .xlsx is one). */
export function isZipArchive(head: Uint8Array): boolean {
  return ZIP_SIGNATURE.every((byte, at) => head[at] === byte);
}

/**
 * Refuses an OLE2 compound file — an Excel 97–2003 .xls, or an .xlsx saved with a password
 * (Excel wraps those in one) — with what to do, instead of calling it binary.
 */
export function refuseCompoundFile(head: Uint8Array, label: string): void {
  if (!OLE_SIGNATURE.every((byte, at) => head[at] === byte)) return;
  throw new IntakeError(
    'PARSE',
    `${label} is an Excel 97–2003 workbook (.xls) or a password-protected workbook, which Intake does not read. Open it in Excel and save it as .xlsx (without a password) or CSV.`,
    { file: label },
  );
}
