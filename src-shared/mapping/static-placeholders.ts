import { IntakeError } from '../errors';
import type { ImportMapping, ImportOptions, StaticColumn } from '../model/mapping';
import type { MappedValue } from './map-row';
import type { SourceKind } from '../model/source';
import { parseValue } from '../values/parse-value';
import { valueOptionsFor } from './column-check';

// A static column's value may hold placeholders that each run fills: `Import_{run_date}` imports
// `Import_2026-11-23` on that day and the next day's date the next day, instead of freezing the day
// the import was saved. Only a name in single braces is a placeholder, so JSON values (`{"a": 1}`)
// and other braces stay as they are; `{{name}}` writes the text `{name}` itself.

/** The placeholders a static column's value may hold, each filled at every run. */
export const STATIC_PLACEHOLDERS = ['run_date', 'run_time', 'file_name'] as const;
export type StaticPlaceholder = (typeof STATIC_PLACEHOLDERS)[number];

/** What the placeholders stand for in one run (or, for the preview, in a run started now). */
export type RunValues = Record<StaticPlaceholder, string>;

/** `{{name}}` (the text `{name}`) or `{name}` (a placeholder): names are letters, digits and `_`. */
const TOKEN = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

const ANY_TOKEN = new RegExp(TOKEN.source);

const KNOWN = new Set<string>(STATIC_PLACEHOLDERS);

/** The words the dialog and the errors use for the placeholders. */
export const PLACEHOLDER_HELP =
  '{run_date} (the day the run starts, YYYY-MM-DD), {run_time} (HH:MM:SS) or {file_name}';

/**
 * A run's values: the date and time it started on this computer's clock, in its time zone (a
 * scheduled run on a server takes the server's), and the name of the file it reads.
 */
export function runValuesAt(startedAt: Date, fileName: string): RunValues {
  const two = (n: number) => String(n).padStart(2, '0');
  return {
    run_date: `${startedAt.getFullYear()}-${two(startedAt.getMonth() + 1)}-${two(startedAt.getDate())}`,
    run_time: `${two(startedAt.getHours())}:${two(startedAt.getMinutes())}:${two(startedAt.getSeconds())}`,
    file_name: fileName,
  };
}

/** The value with its placeholders filled, or the first name in braces Intake does not know. */
export function fillPlaceholders(
  template: string,
  values: RunValues,
): { ok: true; value: string } | { ok: false; unknown: string } {
  let unknown: string | null = null;
  const value = template.replace(TOKEN, (token, escaped?: string, name?: string) => {
    if (escaped !== undefined) return `{${escaped}}`;
    if (KNOWN.has(name!)) return values[name as StaticPlaceholder];
    unknown ??= name!;
    return token;
  });
  return unknown === null ? { ok: true, value } : { ok: false, unknown };
}

/** True when a run changes the value (a placeholder or an escaped brace in it). */
export function hasPlaceholders(template: string): boolean {
  return ANY_TOKEN.test(template);
}

/** True when a static column of the mapping takes the name of the file each row came from. */
export function usesFileName(mapping: ImportMapping): boolean {
  // Group 2 is a placeholder's name; an escaped `{{file_name}}` is group 1.
  return mapping.statics.some((column) =>
    [...column.value.matchAll(TOKEN)].some((token) => token[2] === 'file_name'),
  );
}

/**
 * What is wrong with a static column's value for a run with these values: a name in braces Intake
 * does not know, or a filled value that is not of the column's type. Null when it imports.
 */
export function staticProblem(
  column: StaticColumn,
  options: ImportOptions,
  values: RunValues,
): string | null {
  const filled = fillPlaceholders(column.value, values);
  if (!filled.ok) {
    return (
      `Static column "${column.name}": {${filled.unknown}} is not a placeholder; use ${PLACEHOLDER_HELP}, ` +
      `or write {{${filled.unknown}}} for the text itself`
    );
  }
  const parsed = parseValue(
    column.type,
    filled.value,
    valueOptionsFor(column.type, options.timeZone, options),
  );
  if (parsed.ok) return null;
  const shown = filled.value === column.value ? '' : ` ("${filled.value}" in a run now)`;
  return `Static column "${column.name}"${shown}: ${parsed.reason}`;
}

/**
 * The mapping with its static columns' values filled for one run (or one file of a storage run).
 * A name Intake does not know, or a filled value that is not of the column's type (a date column
 * given a file's name), fails the run with VALIDATION naming the column, the value and the file.
 */
export function fillStatics(mapping: ImportMapping, values: RunValues): ImportMapping {
  if (!mapping.statics.some((column) => hasPlaceholders(column.value))) return mapping;
  const statics = mapping.statics.map((column) => {
    const problem = staticProblem(column, mapping.options, values);
    if (problem) {
      const file = values.file_name ? ` (file "${values.file_name}")` : '';
      throw new IntakeError('VALIDATION', `${problem}${file}.`, {
        column: column.name,
        setting: 'statics',
        ...(values.file_name ? { file: values.file_name } : {}),
      });
    }
    const filled = fillPlaceholders(column.value, values);
    return filled.ok ? { ...column, value: filled.value } : column;
  });
  return { ...mapping, statics };
}

/** A mapping's static columns as a record's attributes, as map-row.ts makes them (after filling). */
export function staticValues(mapping: ImportMapping): MappedValue[] {
  return mapping.statics.map((column) => {
    const parsed = parseValue(
      column.type,
      column.value,
      valueOptionsFor(column.type, mapping.options.timeZone, mapping.options),
    );
    return { name: column.name, type: column.type, value: parsed.ok ? parsed.value : null };
  });
}

/** A source as far as its file name goes: the spec main keeps, or the one the source picker described. */
export type FileNameSource =
  | { kind: 'file'; path: string }
  | { kind: 'upload'; name: string }
  | { kind: 'url'; url: string }
  | {
      kind: 'storage';
      path?: string | undefined;
      match?: string | null | undefined;
      file?: string | undefined;
    }
  | { kind: Exclude<SourceKind, 'file' | 'upload' | 'url' | 'storage'> };

/**
 * The `{file_name}` of a run of this source: a file's own name, an upload's name on the user's disk,
 * a feed's last path segment, a storage file's name without its folders (for a /regex/ each row
 * gets the name of the file it came from, which the run knows; here, the file a preview shows).
 * Pasted data and queries have no file: blank.
 */
export function fileNameOfSource(source: FileNameSource): string {
  switch (source.kind) {
    case 'file':
      return lastPathSegment(source.path);
    case 'upload':
      return lastPathSegment(source.name);
    case 'url': {
      // The path without scheme, host, query or fragment: `https://h/exports/list.csv?x=1` → list.csv.
      const path = source.url.replace(/[?#].*$/s, '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
      const segment = lastPathSegment(path);
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    }
    case 'storage':
      return lastPathSegment(source.file ?? (source.match ? '' : (source.path ?? '')));
    default:
      return '';
  }
}

/** A path's last segment, with / or \ as separators (a Windows path, an object key with folders). */
export function lastPathSegment(path: string): string {
  return path.split(/[/\\]/).filter(Boolean).at(-1) ?? '';
}
