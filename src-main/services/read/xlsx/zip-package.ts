import { createReadStream } from 'node:fs';
import { pipeline, Readable, Transform } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
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
      const entry = entryFor(name);
      if (entry.compressionMethod !== DEFLATE) return await zip.openReadStreamPromise(entry);
      // Deflated parts are inflated here rather than by yauzl, in larger pieces (256 KiB, not 16):
      // the sheet's reader then waits less on inflation running in the thread pool.
      return inflated(await rawBytes(zip, entry, input), entry.uncompressedSize);
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

const DEFLATE = 8;
/** Reads of a part's compressed bytes from disk: large, since a sheet can be 100 MB of them. */
const READ_BLOCK = 1024 * 1024;

/**
 * A part's compressed bytes: from a file, read in 1 MiB blocks (yauzl's own stream reads 16 KiB at
 * a time, which cost a large sheet thousands of round trips); from memory, a slice.
 */
async function rawBytes(zip: ZipFile, entry: Entry, input: PackageInput): Promise<Readable> {
  if (!('path' in input)) return zip.openReadStreamPromise(entry, { decodeFileData: false });
  const { fileDataStart } = await new Promise<{ fileDataStart: number }>((resolve, reject) =>
    zip.readLocalFileHeader(entry, { minimal: true }, (error, header) =>
      error ? reject(error) : resolve(header),
    ),
  );
  if (entry.compressedSize === 0) return Readable.from([]);
  return createReadStream(input.path, {
    start: fileDataStart,
    end: fileDataStart + entry.compressedSize - 1,
    highWaterMark: READ_BLOCK,
  });
}
const INFLATE_CHUNK = 256 * 1024;

/**
 * Inflates a raw deflated part and fails if it does not end at the size the ZIP's directory gives
 * (as yauzl checks when it inflates): a cut or crafted part never reads as shorter or longer data.
 * The pipeline destroys every stage on an error or when the reader stops early.
 */
function inflated(raw: Readable, expected: number): Readable {
  let size = 0;
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > expected)
        callback(new Error(`the part unpacks past the ${expected} bytes its directory says`));
      else callback(null, chunk);
    },
    flush(callback) {
      callback(size === expected ? null : new Error(`the part unpacks to ${size} bytes, not ${expected}`));
    },
  });
  pipeline(raw, createInflateRaw({ chunkSize: INFLATE_CHUNK }), check, () => undefined);
  return check;
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
