import type { MappedRecord, RowReject } from '../../../../src-shared/mapping/map-row';
import type { ImportMapping } from '../../../../src-shared/model/mapping';
import { personalDataGuard } from '../personal-data-guard';
import { commandBuilder, type PlatformFlavor } from './platform-commands';

/** A record made ready to send: its command's JSON text and what the delta and the outbox need. */
export interface PreparedCommand {
  rowNumber: number;
  key: string;
  keyHash: number;
  fingerprint: number;
  /** The command exactly as it goes into a request body. */
  text: string;
  /** UTF-8 bytes of `text`. */
  size: number;
  /** For a dry run's counts: the command's name, message type, or catalog_item. */
  kind: string;
}

export interface CommandPreparerOptions {
  flavor: PlatformFlavor;
  mapping: ImportMapping;
  runId: string;
  runStartedAt: Date;
  /** Bytes one record may have as JSON (a larger one is rejected, not sent). */
  maxRecordBytes: number;
  /** "Test a record": only this row is prepared; the others are read and left alone. */
  onlyRow?: number | undefined;
}

/**
 * Turns each mapped record into its platform command as soon as it is mapped: personal data hashed
 * (the PII guardrail), the command built and written as JSON. A row that cannot be sent is
 * rejected with the reason. Runs wherever the rows are read (the mapped records then die young,
 * which is most of a push's garbage collection), and needs no secret.
 */
export function commandPreparer(
  options: CommandPreparerOptions,
): (record: MappedRecord, rejects: RowReject[]) => PreparedCommand | null {
  const { mapping, maxRecordBytes, onlyRow } = options;
  const build = commandBuilder(options.flavor, mapping, options.runId, options.runStartedAt);
  const guard = personalDataGuard(mapping);
  return (item, rejects) => {
    if (onlyRow !== undefined && item.rowNumber !== onlyRow) return null;
    const guarded = guard ? guard(item) : null;
    if (guarded && !guarded.ok) {
      rejects.push({
        rowNumber: item.rowNumber,
        column: guarded.column,
        value: guarded.value,
        reason: guarded.reason,
      });
      return null;
    }
    const command = build(guarded ? guarded.record : item);
    if (typeof command === 'string') {
      rejects.push({ rowNumber: item.rowNumber, column: null, value: '', reason: command });
      return null;
    }
    const text = JSON.stringify(command.body);
    const size = Buffer.byteLength(text);
    if (size > maxRecordBytes) {
      rejects.push({
        rowNumber: item.rowNumber,
        column: null,
        value: '',
        reason: `The record is ${size.toLocaleString('en')} bytes as JSON, over the API's ${maxRecordBytes.toLocaleString('en')}-byte limit for one message.`,
      });
      return null;
    }
    return {
      rowNumber: command.rowNumber,
      key: command.key,
      keyHash: command.keyHash,
      fingerprint: command.fingerprint,
      text,
      size,
      kind: commandKind(command.body),
    };
  };
}

/** A command's kind for a dry run's counts: its name, message type, or a catalog item. */
function commandKind(body: Record<string, unknown>): string {
  if (typeof body.name === 'string') return body.name;
  if (typeof body.type === 'string') return body.type;
  return 'catalog_item';
}
