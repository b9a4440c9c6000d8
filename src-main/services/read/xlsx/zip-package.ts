import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { IntakeError } from '../../../../src-shared/errors';
import { formatBytes } from '../../../../src-shared/limits';

/**
 * A workbook's ZIP package, read with random access (yauzl): an .xlsx keeps its directory at the
 * end and may store a part after the one that needs it (shared strings after the sheet — the
 * layout exceljs's streaming reader misreads), so parts are opened by name, in any order.
 */
export interface ZipPackage {
  /** Part names (`xl/workbook.xml`), without a leading slash. */
  has(name: string): boolean;
  /** The part's declared uncompressed size in bytes. */
  size(name: string): number;
  /** A part's bytes, refused past `maxBytes` (a small XML part; a bomb cannot inflate past it). */
  read(name: string, maxBytes: number): Promise<Buffer>;
  /** A part as a stream of inflated bytes (a sheet, the shared strings). */
  stream(name: string): Promise<Readable>;
  close(): void;
}

/** Where a workbook's bytes are: a file on disk, or a whole source held in memory. */
export type PackageInput = { path: string } | { buffer: Buffer };

/** Opens a workbook's package; a file that is not a readable ZIP is refused with what it is. */
export async function openZipPackage(input: PackageInput, label: string): Promise<ZipPackage> {
  let zip: ZipFile;
  try {
    zip =
      'path' in input
        ? await yauzl.openPromise(input.path, { lazyEntries: true, autoClose: false })
        : await yauzl.fromBufferPromise(input.buffer, { lazyEntries: true });
  } catch (error) {
    throw new IntakeError(
      'PARSE',
      `${label} is not a readable Excel workbook: its ZIP structure is damaged or cut short (${(error as Error).message}). Open it in Excel and save it again, or export the sheet as CSV.`,
      { file: label },
    );
  }
  const entries = await readEntries(zip, label);
  const entryFor = (name: string): Entry => {
    const entry = entries.get(name);
    if (!entry)
      throw new IntakeError('PARSE', `${label} has no part "${name}".`, { file: label, part: name });
    if (entry.isEncrypted()) {
      throw new IntakeError('PARSE', `${label} is encrypted: remove its password in Excel first.`, {
        file: label,
      });
    }
    return entry;
  };
  const open = async (name: string): Promise<Readable> => {
    try {
      return await zip.openReadStreamPromise(entryFor(name));
    } catch (error) {
      if (error instanceof IntakeError) throw error;
      throw damaged(label, name, error);
    }
  };
  return {
    has: (name) => entries.has(name),
    size: (name) => entryFor(name).uncompressedSize,
    async read(name, maxBytes) {
      const entry = entryFor(name);
      if (entry.uncompressedSize > maxBytes) {
        throw new IntakeError(
          'LIMIT',
          `${label}: the part "${name}" is ${formatBytes(entry.uncompressedSize)} unpacked, over the ${formatBytes(maxBytes)} Intake reads for it.`,
          { file: label, part: name, bytes: entry.uncompressedSize, limit: maxBytes },
        );
      }
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of await open(name)) chunks.push(chunk as Buffer);
      } catch (error) {
        throw error instanceof IntakeError ? error : damaged(label, name, error);
      }
      return Buffer.concat(chunks);
    },
    stream: open,
    close: () => zip.close(),
  };
}

function readEntries(zip: ZipFile, label: string): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      entries.set(entry.fileName.replace(/^\/+/, ''), entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) => reject(damaged(label, 'the ZIP directory', error)));
    zip.readEntry();
  });
}

/** A part that does not inflate (cut short, corrupt, or not the size its directory says). */
export function damaged(label: string, part: string, error: unknown): IntakeError {
  return new IntakeError(
    'PARSE',
    `${label} is damaged: ${part} cannot be unpacked (${(error as Error).message}). Open it in Excel and save it again, or export the sheet as CSV.`,
    { file: label, part },
  );
}
