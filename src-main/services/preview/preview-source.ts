import { IntakeError } from '../../../src-shared/errors';
import { formatBytes, LIMITS } from '../../../src-shared/limits';
import type { Encoding } from '../../../src-shared/model/dialect';
import type { IngestIssue } from '../../../src-shared/model/ingest-issue';
import type { DialectOverrides, Preview } from '../../../src-shared/model/preview';
import { isAsciiCompatible } from '../read/decode';
import type { SourceSpec } from '../../../src-shared/model/source';
import type { ConnectorContext } from '../sources/connectors/connector';
import { readSourceHead, type HeadInput } from '../read/source-input';
import { connectorFor } from '../sources/connectors';
import { connectorContext } from '../sources/connectors/connector-context';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';
import { HeadTooShort, previewCsv } from './preview-csv';
import { previewXml } from './preview-xml';
import { previewWorkbook } from './preview-xlsx';
import { isZipArchive, refuseCompoundFile } from '../read/xlsx/open-workbook';
import { workbookLabel } from '../read/xlsx/workbook-label';
import { chooseTextReading, ENCODING_SAMPLE_BYTES } from './text-reading';

/** The first head read (a few hundred typical rows); it grows (×4, up to MAX_HEAD_BYTES) only when rows are very wide. */
export const HEAD_BYTES = 64 * 1024;
export const MAX_HEAD_BYTES = 8 * 1024 * 1024;

/**
 * Previews a source from a bounded head read: detection plus the first rows. It costs the same for
 * a 1 KB and a 1 GB source, because it never reads past the head. A row source (a query) has no
 * dialect to detect: its rows come as CSV with the source's own column names, and the types it
 * knows replace the ones detection would guess.
 */
export async function previewSource(
  spec: SourceSpec,
  context: ConnectorContext,
  overrides: DialectOverrides = {},
  rowLimit: number = LIMITS.previewRows,
): Promise<Preview> {
  // A feed is asked twice, as the platforms ask it: a `sample` to detect the encoding in, then the
  // `preview` to show. Other sources serve both from one read.
  const connector = connectorFor(spec);
  const sample =
    connector.reads === 'bytes' && connector.phased && !overrides.encoding
      ? await readSourceHead(spec, { maxBytes: ENCODING_SAMPLE_BYTES, maxRows: 0 }, 'sample', context)
      : null;
  for (let headBytes = HEAD_BYTES; ; headBytes *= 4) {
    const limits = { maxBytes: headBytes, maxRows: Math.max(rowLimit, ROW_SOURCE_SAMPLE_ROWS) };
    const head = await readSourceHead(spec, limits, 'preview', context);
    if (head.columns) return previewRowSource(head, rowLimit);
    refuseCompoundFile(head.bytes, workbookLabel(spec));
    if (overrides.format === 'xlsx' || isZipArchive(head.bytes))
      return previewWorkbookSource(spec, head, context, overrides, rowLimit);
    let preview: Preview;
    try {
      preview = previewHead(head.bytes, head.isComplete, head.size, overrides, rowLimit, sample);
    } catch (error) {
      if (!(error instanceof HeadTooShort)) throw error;
      if (headBytes >= MAX_HEAD_BYTES) {
        if (error.lacking) {
          throw new IntakeError(
            'LIMIT',
            `${error.lacking} in the first ${formatBytes(head.bytes.length)} of the file (Intake reads that much to find the first record).`,
            { bytes: head.bytes.length },
          );
        }
        throw new IntakeError(
          'LIMIT',
          `The first row is longer than ${formatBytes(head.bytes.length)}: no line break in the first ${formatBytes(head.bytes.length)} of the file. It is either far too wide (Intake reads up to ${LIMITS.sourceColumns.toLocaleString('en')} columns) or not delimited text: check the format and the delimiter.`,
          { bytes: head.bytes.length },
        );
      }
      continue;
    }
    if (preview.rows.length >= rowLimit || head.isComplete || headBytes >= MAX_HEAD_BYTES) return preview;
  }
}

/** A workbook is read whole even for a preview: a ZIP's directory is at its end. */
const WORKBOOK_PREVIEW_BYTES = 256 * 1024 * 1024;

/**
 * Previews an Excel workbook. A file on disk is opened where it is (random access); any other
 * source is fetched whole first, since a ZIP keeps its directory at the end.
 */
async function previewWorkbookSource(
  spec: SourceSpec,
  head: HeadInput,
  context: ConnectorContext,
  overrides: DialectOverrides,
  rowLimit: number,
): Promise<Preview> {
  const label = workbookLabel(spec);
  if (spec.kind === 'file' || spec.kind === 'upload')
    return previewWorkbook({ path: spec.path }, label, head.size ?? head.bytes.length, overrides, rowLimit);
  const whole = head.isComplete
    ? head
    : await readSourceHead(spec, { maxBytes: WORKBOOK_PREVIEW_BYTES, maxRows: 0 }, 'preview', context);
  if (!whole.isComplete) {
    throw new IntakeError(
      'LIMIT',
      `${label} is larger than ${formatBytes(WORKBOOK_PREVIEW_BYTES)}: Intake previews a workbook from this kind of source by fetching it whole. Export the sheet as CSV, or copy the workbook to a local file.`,
      { limit: WORKBOOK_PREVIEW_BYTES },
    );
  }
  return previewWorkbook({ buffer: whole.bytes }, label, whole.bytes.length, overrides, rowLimit);
}

/** Previews a file on disk (the CLI's sniff and preview, benchmarks). */
export function previewFile(
  path: string,
  overrides: DialectOverrides = {},
  rowLimit: number = LIMITS.previewRows,
): Promise<Preview> {
  return previewSource({ kind: 'file', path }, { workspaceDir: '' }, overrides, rowLimit);
}

/** Rows a row source's preview reads to infer the types the source does not declare. */
const ROW_SOURCE_SAMPLE_ROWS = 1000;

/** The dialect of a row source's CSV (rows-as-csv): fixed, nothing to detect or choose. */
const ROW_SOURCE_DIALECT: DialectOverrides = {
  format: 'csv',
  encoding: 'utf-8',
  delimiter: ',',
  hasHeader: true,
};

function previewRowSource(head: HeadInput, rowLimit: number): Preview {
  const preview = previewHead(head.bytes, head.isComplete, head.size, ROW_SOURCE_DIALECT, rowLimit);
  const declared = head.columns ?? [];
  return {
    ...preview,
    dialectFixed: true,
    reasons: ['rows and column names come from the query; types it declares are kept'],
    confidence: { encoding: 1, delimiter: 1 },
    columns: preview.columns.map((column, index) => {
      const type = declared[index]?.type;
      return type && type !== column.type ? { ...column, type, share: 1, examplesNotFitting: [] } : column;
    }),
  };
}

/** Previews the given head bytes of a source of `size` bytes. */
export function previewHead(
  bytes: Uint8Array,
  isComplete: boolean,
  size: number | null,
  overrides: DialectOverrides,
  rowLimit: number,
  /** A separate head to detect the encoding in (a feed's `sample` request); else these bytes. */
  encodingSample: { bytes: Uint8Array; isComplete: boolean } | null = null,
): Preview {
  const { detected, encoding, encodingReason, format, text } = chooseTextReading(
    bytes,
    isComplete,
    overrides,
    encodingSample,
    (chosen) => refuseBinary(bytes, chosen),
  );
  const reasons = [encodingReason];
  const issues: IngestIssue[] = [];
  const csv = format === 'csv' ? previewCsv(text, isComplete, encoding, overrides, rowLimit) : null;
  const { delimiterConfidence, delimiterReason, detectedDelimiter, ...result } = csv ?? {
    ...previewXml(text, isComplete, encoding, rowLimit),
    delimiterConfidence: 1,
    delimiterReason: null,
    detectedDelimiter: null,
  };
  if (delimiterReason) reasons.push(delimiterReason);
  if (!overrides.encoding && detected.confidence < 0.5) {
    issues.push({
      code: 'encoding-uncertain',
      severity: 'info',
      message: `The encoding was hard to tell (${encoding}, ${Math.round(detected.confidence * 100)}% sure). If letters look wrong, pick another encoding.`,
    });
  }
  const replaced = text.indexOf('\uFFFD');
  if (replaced !== -1 && replaced < text.length - 4) {
    issues.push({
      code: 'invalid-characters',
      severity: 'warning',
      message: `Some bytes are not valid ${encoding} and show as �. Pick the file's real encoding in the dialect bar.`,
    });
  }
  const total = size ?? (isComplete ? bytes.length : null);
  if ((encoding === 'utf-16le' || encoding === 'utf-16be') && total !== null && total % 2 === 1) {
    issues.push({
      code: 'stray-byte',
      severity: 'warning',
      message: `The file has an odd number of bytes (${total.toLocaleString('en')}), but UTF-16 uses two per character: its last byte is left out. If text looks wrong, the file may be cut short or not UTF-16.`,
    });
  }
  if (!isComplete && bytes.length > 0 && size !== null) {
    // Line feeds in the head, scaled to the file: an estimate (quoted newlines count too).
    let lines = 0;
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines += 1;
    const estimate = Math.round((size / bytes.length) * lines);
    if (estimate > LIMITS.warnRows) {
      issues.push({
        code: 'too-many-rows',
        severity: 'warning',
        message: `About ${estimate.toLocaleString('en')} rows (estimated from the first ${bytes.length.toLocaleString('en')} bytes): over the recommended ${LIMITS.warnRows.toLocaleString('en')} rows per import.`,
      });
    }
  }
  return {
    ...result,
    confidence: { encoding: overrides.encoding ? 1 : detected.confidence, delimiter: delimiterConfidence },
    detected: { encoding: detected.encoding, delimiter: detectedDelimiter },
    reasons,
    issues: [...issues, ...result.issues],
    truncated: !isComplete,
    headBytes: bytes.length,
  };
}

/** A NUL byte never appears in text of an ASCII-compatible encoding: such a source is binary. */
function refuseBinary(bytes: Uint8Array, encoding: Encoding): void {
  if (!isAsciiCompatible(encoding)) return;
  const at = bytes.indexOf(0);
  if (at !== -1) {
    throw new IntakeError(
      'PARSE',
      `This looks like a binary file, not CSV or XML text (it has a NUL byte at byte ${at}).`,
      { byte: at },
    );
  }
}

/** A preview as the worker pool runs it (never on the main thread: detection parses text). */
export interface PreviewTask {
  spec: SourceSpec;
  /** The spec's connection, resolved in main (its secret never leaves the process). */
  connection?: ResolvedConnection;
  overrides: DialectOverrides;
  rows?: number;
  workspaceDir: string;
  nativeBinding?: string;
  /** Network time limits (connect, and silence while reading); tests shorten them. */
  timeouts?: { connectMs?: number; readMs?: number };
}

/** The pool task's body: previews the task's source. */
export function readPreview(task: PreviewTask): Promise<Preview> {
  return previewSource(
    task.spec,
    connectorContext({
      workspaceDir: task.workspaceDir,
      nativeBinding: task.nativeBinding,
      connection: task.connection,
      timeouts: task.timeouts,
    }),
    task.overrides,
    task.rows,
  );
}
