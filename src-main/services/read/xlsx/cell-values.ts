import { serialToText, type DateKind } from './number-formats';
import type { SharedStrings } from './shared-strings';
import { CellKind } from './sheet-scanner';

/** What a cell holds as its workbook typed it: the evidence a column's type is taken from. */
export type CellClass = 'text' | 'number' | 'date' | 'datetime' | 'time' | 'boolean' | 'error';

/** What turning cells into text needs from the workbook. */
export interface CellContext {
  styleKinds: readonly DateKind[];
  date1904: boolean;
  strings: SharedStrings | null;
}

/** The class of a cell of this kind and style. */
export function cellClass(context: CellContext, kind: CellKind, style: number): CellClass {
  switch (kind) {
    case CellKind.Number: {
      const dateKind = context.styleKinds[style] ?? null;
      return dateKind ?? 'number';
    }
    case CellKind.Boolean:
      return 'boolean';
    case CellKind.Error:
      return 'error';
    case CellKind.IsoDate:
      return 'datetime';
    default:
      return 'text';
  }
}

/**
 * A cell's value as the text Intake stages: numbers in their shortest exact form (Excel writes
 * 6.1 as 6.0999999999999996), dates and times as ISO text, booleans as true/false, shared strings
 * looked up, errors as Excel shows them (#N/A), so the types detect them and an import names them.
 */
export function cellText(context: CellContext, kind: CellKind, style: number, raw: string): string {
  switch (kind) {
    case CellKind.Shared:
      return context.strings?.text(Number(raw)) ?? '';
    case CellKind.Number:
      return numberText(context, style, raw);
    case CellKind.Boolean:
      return raw === '1' || raw === 'true' ? 'true' : 'false';
    default:
      return raw;
  }
}

/** A number cell's text: a date or time when its style shows one, else the number. */
export function numberText(context: CellContext, style: number, raw: string): string {
  if (raw === '') return '';
  const dateKind = context.styleKinds[style] ?? null;
  const value = Number(raw);
  if (dateKind !== null) return serialToText(value, dateKind, context.date1904) ?? shortestNumber(raw, value);
  return shortestNumber(raw, value);
}

/** The shortest text that reads back as the same double; short plain digits are kept as written. */
export function shortestNumber(raw: string, value: number): string {
  if (raw.length <= 15 && !/[eE]/.test(raw)) return raw;
  return Number.isFinite(value) ? String(value) : raw;
}
