import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readHead } from '../read-file-head';
import type { ByteConnector, SourceBytes } from './connector';

/** Size of each read: large enough that per-chunk overhead vanishes, small enough to keep memory flat. */
export const READ_CHUNK_BYTES = 1024 * 1024;

// The three local-file connectors: a file on disk (a drop or the Open dialog), and pasted text and
// browser uploads, which Intake keeps as files in the workspace's sources/ folder. They read the
// same way and differ in how the UI names them and whether they can change.

async function fileFingerprint(path: string): Promise<string> {
  const info = await stat(path);
  return `${info.size}:${info.mtimeMs}`;
}

async function fileBytes(path: string): Promise<SourceBytes> {
  const { size } = await stat(path);
  const stream = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  return { stream, size, bytesRead: () => stream.bytesRead };
}

/** A file on the user's disk, read in place. */
export const fileConnector: ByteConnector<'file'> = {
  kind: 'file',
  reads: 'bytes',
  describe: (spec) => ({ name: basename(spec.path), detail: spec.path, changes: true }),
  fingerprint: (spec) => fileFingerprint(spec.path),
  head: (spec, maxBytes) => readHead(spec.path, maxBytes),
  fetch: (spec) => fileBytes(spec.path),
};

/** Pasted cells (TSV from a spreadsheet, or CSV text): a snapshot that never changes. */
export const pasteConnector: ByteConnector<'paste'> = {
  kind: 'paste',
  reads: 'bytes',
  describe: () => ({ name: 'Pasted data', detail: 'Pasted data', changes: false }),
  fingerprint: (spec) => fileFingerprint(spec.path),
  head: (spec, maxBytes) => readHead(spec.path, maxBytes),
  fetch: (spec) => fileBytes(spec.path),
};

/** A file a browser uploaded to the web host: a snapshot that never changes. */
export const uploadConnector: ByteConnector<'upload'> = {
  kind: 'upload',
  reads: 'bytes',
  describe: (spec) => ({ name: spec.name, detail: `${spec.name} (uploaded)`, changes: false }),
  fingerprint: (spec) => fileFingerprint(spec.path),
  head: (spec, maxBytes) => readHead(spec.path, maxBytes),
  fetch: (spec) => fileBytes(spec.path),
};
