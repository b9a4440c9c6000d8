import { Readable } from 'node:stream';
import { IntakeError } from '../../../src-shared/errors';
import { formatBytes } from '../../../src-shared/limits';
import { endsOnLoneCr, type Dialect } from '../../../src-shared/model/dialect';
import type { DialectOverrides } from '../../../src-shared/model/preview';
import { RAW_LINE_CHARS, type RawLines, type RawLinesAt } from '../../../src-shared/model/raw-lines';
import type { SourceSpec } from '../../../src-shared/model/source';
import { detectDialect } from '../detect/dialect/detect-dialect';
import { MAX_QUOTED_LINE_ENDS } from '../read/csv/quoted-field';
import { rowStartTarget } from '../read/csv/row-start-line';
import { lineNumberTarget, readLineWindow, type LineTarget } from '../read/line-window';
import { textStream } from '../read/source-byte-stream';
import { isZipArchive } from '../read/xlsx/open-workbook';
import { connectorFor } from '../sources/connectors';
import type { ByteConnector, ConnectorContext, SourceBytes } from '../sources/connectors/connector';
import { connectorContext } from '../sources/connectors/connector-context';
import type { ResolvedConnection } from '../sources/connections/resolved-connection';
import { HEAD_BYTES, MAX_HEAD_BYTES } from './preview-source';
import { chooseTextReading } from './text-reading';

/** A raw view as the worker pool runs it (detection parses text: never on the main thread). */
export interface RawLinesTask {
  spec: SourceSpec;
  connection?: ResolvedConnection;
  overrides: DialectOverrides;
  at: RawLinesAt;
  around: number;
  workspaceDir: string;
  nativeBinding?: string;
  timeouts?: { connectMs?: number; readMs?: number };
}

/** A row parsed again to find its line holds whole lines; one longer than this stops the search. */
const ROW_LINE_CHARS = 8 * 1024 * 1024;

/**
 * The lines of a text source around a spot, read through its connector and decoded with the chosen
 * (else detected) encoding, as the preview reads it — so it works where the preview failed. It reads
 * only up to the window's last line. A row (CSV) is found by parsing the lines before it with the
 * dialect's own rules; a line (XML) is counted as the XML parser counts it.
 */
export async function readRawLines(task: RawLinesTask): Promise<RawLines> {
  const context = connectorContext({
    workspaceDir: task.workspaceDir,
    nativeBinding: task.nativeBinding,
    connection: task.connection,
    timeouts: task.timeouts,
  });
  const connector = connectorFor(task.spec);
  if (connector.reads !== 'bytes') {
    throw new IntakeError(
      'VALIDATION',
      'A query hands over values, not lines of text: there are no raw lines to show.',
      { kind: task.spec.kind },
    );
  }
  const head = await connector.head(task.spec, HEAD_BYTES, 'preview', context);
  if (task.overrides.format === 'xlsx' || isZipArchive(head.bytes)) {
    throw new IntakeError('VALIDATION', 'An Excel workbook is not text: it has no raw lines to show.', {
      format: 'xlsx',
    });
  }
  const reading = chooseReading(head.bytes, head.isComplete, task.overrides);
  const { dialect, format } = reading;
  const at = task.at;
  if (at.row !== undefined && format !== 'csv') {
    throw new IntakeError('VALIDATION', `Row ${at.row} names a CSV row, but this source reads as XML.`, {
      row: at.row,
    });
  }
  const loneCr = format === 'xml' || endsOnLoneCr(dialect.newline);
  const target: LineTarget =
    at.row !== undefined
      ? rowStartTarget(at.row, {
          delimiter: dialect.delimiter,
          quote: dialect.quote,
          lenientQuotes: dialect.lenientQuotes ?? true,
          loneCr,
          skipLines: dialect.skipLines ?? 0,
        })
      : lineNumberTarget(at.line ?? 1);
  const source = await openBytes(connector, task.spec, context);
  try {
    const text = textStream(source.bytes.stream, dialect.encoding);
    // A pipe does not pass a read error on: without this the window would wait for text forever.
    source.bytes.stream.once('error', (error) => text.destroy(error));
    const window = await readLineWindow(text, target, {
      before: task.around,
      after: task.around,
      loneCr,
      displayChars: RAW_LINE_CHARS,
      ...(at.row !== undefined ? { keepChars: ROW_LINE_CHARS, lateLines: MAX_QUOTED_LINE_ENDS + 1 } : {}),
      focus:
        at.line !== undefined && at.column !== undefined ? { line: at.line, column: at.column } : undefined,
    });
    if (window.target === null && source.cutAt !== null) {
      throw new IntakeError(
        'LIMIT',
        `The raw view reads the first ${formatBytes(source.cutAt)} of a file in storage, and ${at.row !== undefined ? `row ${at.row}` : `line ${at.line ?? 1}`} lies beyond it.`,
        { limit: source.cutAt },
      );
    }
    return {
      format,
      dialect,
      detected: reading.detected,
      lines: window.lines,
      target: window.target,
      row: at.row ?? null,
      totalLines: window.totalLines,
      bytesRead: source.bytes.bytesRead(),
    };
  } finally {
    source.bytes.stream.destroy();
  }
}

/** How the preview would read these bytes: format, encoding and (CSV) dialect, choices first. */
function chooseReading(
  bytes: Uint8Array,
  isComplete: boolean,
  overrides: DialectOverrides,
): { format: 'csv' | 'xml'; dialect: Dialect; detected: RawLines['detected'] } {
  const { detected, encoding, format, text } = chooseTextReading(bytes, isComplete, overrides);
  if (format === 'xml') {
    return {
      format,
      dialect: { encoding, delimiter: ',', quote: '"', escape: '"', newline: '\n', hasHeader: false },
      detected: { encoding: detected.encoding, delimiter: null },
    };
  }
  const guess = detectDialect(text, { isComplete });
  const quote = overrides.quote ?? guess.quote;
  const skipLines = overrides.skipLines ?? guess.skipLines;
  return {
    format,
    dialect: {
      encoding,
      delimiter: overrides.delimiter ?? guess.delimiter,
      quote,
      escape: quote,
      newline: guess.newline,
      hasHeader: overrides.hasHeader ?? true,
      ...(overrides.lenientQuotes === false ? { lenientQuotes: false } : {}),
      ...(skipLines > 0 ? { skipLines } : {}),
      ...(overrides.headerRows && overrides.headerRows > 1 ? { headerRows: overrides.headerRows } : {}),
    },
    detected: { encoding: detected.encoding, delimiter: guess.delimiter },
  };
}

/**
 * The source's bytes as a stream: its fetch when that is one stream (a file, a feed), read only as
 * far as the window. Storage fetches files under the run's selection rule, not the previewed one,
 * so its previewed file is read through a head of at most MAX_HEAD_BYTES (`cutAt` when cut).
 */
async function openBytes(
  connector: ByteConnector<SourceSpec['kind']>,
  spec: SourceSpec,
  context: ConnectorContext,
): Promise<{ bytes: SourceBytes; cutAt: number | null }> {
  if (spec.kind !== 'storage') {
    const fetched = await connector.fetch(spec, context);
    if ('stream' in fetched) return { bytes: fetched, cutAt: null };
    await fetched.close();
  }
  const head = await connector.head(spec, MAX_HEAD_BYTES, 'preview', context);
  return {
    bytes: { stream: Readable.from([head.bytes]), size: head.size, bytesRead: () => head.bytes.length },
    cutAt: head.isComplete ? null : head.bytes.length,
  };
}
