import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IntakeError } from '../../../../src-shared/errors';
import type { ExportFormat } from '../../../../src-shared/model/destination';
import type { MappedRecord } from '../../../../src-shared/mapping/map-row';
import { encodeCsvRecord } from '../../read/csv/encode-csv-record';
import { spreadsheetSafe } from '../../read/csv/spreadsheet-safe';
import { unhashedPersonalColumns } from '../../../../src-shared/mapping/personal-data';
import type { Destination, DestinationSession, RunInput, RunSink } from '../destination';
import { personalDataGuard } from '../personal-data-guard';
import { exportColumns, type ExportColumn } from './export-columns';

/** Bytes gathered before a write: few system calls, flat memory. */
const FLUSH_BYTES = 1 << 20;

/**
 * A file of the mapped records (the cleaned-data export): CSV (UTF-8, header row, RFC 4180,
 * formulas defused) or NDJSON (one JSON object per record, values typed). Rows stream into a
 * temporary file beside the target, renamed to it only at commit, so a cancel, a failure or a crash
 * never leaves a partial file where the user expects the export.
 */
export const fileDestination: Destination<'file'> = {
  kind: 'file',
  open: (spec, run) => new FileSession(spec.path, spec.format, run.runId),
};

/** Where an export is written until it commits: beside its target, hidden, named after the run. */
export function partialExportPath(path: string, runId: string): string {
  return join(dirname(path), `.${basename(path)}.${runId.slice(0, 8)}.partial`);
}

class FileSession implements DestinationSession {
  private readonly temporary: string;
  private fd: number | null;
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly path: string,
    private readonly format: ExportFormat,
    runId: string,
  ) {
    this.temporary = partialExportPath(path, runId);
    try {
      this.fd = openSync(this.temporary, 'w');
    } catch (error) {
      throw new IntakeError('IO', `Cannot write the export to "${path}": ${(error as Error).message}`, {
        path,
        errno: (error as NodeJS.ErrnoException).code,
      });
    }
  }

  write(input: RunInput, sink: RunSink): void {
    const columns = exportColumns(input.mapping);
    const line = this.format === 'csv' ? csvLine(columns) : ndjsonLine(columns);
    if (this.format === 'csv')
      this.append(`${encodeCsvRecord(columns.map((c) => spreadsheetSafe(c.name)))}\r\n`);
    // Personal data leaves the machine hashed in an export too (the PII guardrail).
    const guard = personalDataGuard(input.mapping);
    const unhashed = unhashedPersonalColumns(input.mapping);
    let warnings =
      unhashed.length > 0
        ? [`Written unhashed although they hold personal data, as the mapping says: ${unhashed.join(', ')}.`]
        : [];
    for (const batch of input.batches()) {
      const rejects = [...batch.rejects];
      let written = 0;
      for (const record of batch.items) {
        const guarded = guard ? guard(record) : null;
        if (guarded && !guarded.ok) {
          rejects.push({
            rowNumber: record.rowNumber,
            column: guarded.column,
            value: guarded.value,
            reason: guarded.reason,
          });
          continue;
        }
        this.append(line(guarded ? guarded.record : record));
        written++;
      }
      sink.applied({
        read: batch.read,
        imported: written,
        updated: 0,
        deduplicated: 0,
        rejects,
        skipped: batch.skipped,
        newest: batch.newest,
        warnings,
      });
      warnings = [];
      sink.checkpoint();
    }
    this.flush();
  }

  commit(): void {
    this.flush();
    closeSync(this.fd!);
    this.fd = null;
    renameSync(this.temporary, this.path);
  }

  abort(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temporary, { force: true });
  }

  private append(text: string): void {
    this.pending.push(text);
    this.pendingBytes += text.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending.join(''), 'utf8');
    // writeSync may write less than asked (a pipe, a nearly full disk): write the rest, or fail.
    for (let written = 0; written < bytes.length;) written += writeSync(this.fd!, bytes, written);
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** Types whose text comes from the source: the ones a formula could hide in. */
const SOURCE_TEXT_TYPES = new Set(['text', 'long_text', 'list', 'json']);

/**
 * A record as one CSV line: values as text (lists and JSON as JSON). Text from the source is made
 * spreadsheet-safe; numbers, booleans and times are written by Intake (a negative number keeps its
 * minus sign: "-5" is a number to a spreadsheet, not a formula).
 */
function csvLine(columns: ExportColumn[]): (record: MappedRecord) => string {
  const defuse = columns.map((column) => SOURCE_TEXT_TYPES.has(column.type));
  return (record) => {
    const cells = columns.map((column, index) => {
      const value = column.value(record);
      if (value === null) return '';
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      return defuse[index] ? spreadsheetSafe(text) : text;
    });
    return `${encodeCsvRecord(cells)}\r\n`;
  };
}

/** A record as one NDJSON line: numbers, booleans, lists and JSON keep their types; times are ISO 8601. */
function ndjsonLine(columns: ExportColumn[]): (record: MappedRecord) => string {
  return (record) => {
    const object: Record<string, unknown> = {};
    for (const column of columns) object[column.name] = column.value(record);
    return `${JSON.stringify(object)}\n`;
  };
}
