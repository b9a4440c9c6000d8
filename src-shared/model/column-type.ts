/** The data types a column can be imported as (DESIGN.md §5). */
export const COLUMN_TYPES = [
  'text',
  'long_text',
  'number',
  'boolean',
  'date',
  'datetime',
  'list',
  'json',
] as const;

/** One data type. */
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** Labels for the UI. */
export const COLUMN_TYPE_LABELS: Record<ColumnType, string> = {
  text: 'Text',
  long_text: 'Long text',
  number: 'Number',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Datetime',
  list: 'List',
  json: 'JSON',
};
