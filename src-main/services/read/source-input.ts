import type { SourceSpec } from '../../../src-shared/model/source';
import type {
  ConnectorContext,
  ReadPhase,
  SourceBytes,
  SourceColumn,
  SourceParts,
} from '../sources/connectors/connector';
import { connectorFor } from '../sources/connectors';
import { rowsAsCsv } from './csv/rows-as-csv';

/** A source's head as bytes, with what a row source already knows about its columns. */
export interface HeadInput {
  bytes: Buffer;
  isComplete: boolean;
  size: number | null;
  /** Set for row sources (a query): their columns and types come from the source, not detection. */
  columns: SourceColumn[] | null;
}

/**
 * The first bytes of any source: a byte connector's head, or a row connector's first `maxRows`
 * rows as CSV (header first), so preview reads every kind the same way.
 */
export async function readSourceHead(
  spec: SourceSpec,
  limits: { maxBytes: number; maxRows: number },
  phase: ReadPhase,
  context: ConnectorContext,
): Promise<HeadInput> {
  const connector = connectorFor(spec);
  if (connector.reads === 'bytes') {
    return { ...(await connector.head(spec, limits.maxBytes, phase, context)), columns: null };
  }
  // One row past the limit tells whether the head is the whole result.
  const rows = await connector.head(spec, limits.maxRows + 1, context);
  const csv = rowsAsCsv(rows);
  const chunks: Buffer[] = [];
  for await (const piece of csv.stream as AsyncIterable<Buffer>) chunks.push(piece);
  return {
    bytes: Buffer.concat(chunks),
    isComplete: csv.rowsRead() <= limits.maxRows,
    size: null,
    columns: rows.columns,
  };
}

/**
 * All of a source's bytes for staging: one stream (row sources as CSV, header first), or the files
 * of a storage source under its selection rule, opened one after another.
 */
export async function openSourceBytes(
  spec: SourceSpec,
  context: ConnectorContext,
): Promise<SourceBytes | SourceParts> {
  const connector = connectorFor(spec);
  if (connector.reads === 'bytes') return connector.fetch(spec, context);
  const written = connector.fetchCsv ? await connector.fetchCsv(spec, context) : null;
  return written ?? rowsAsCsv(await connector.fetch(spec, context));
}
