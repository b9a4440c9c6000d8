import type { ColumnType } from './column-type';

/** A column of a database table as the schema browser shows it. */
export interface TableColumn {
  name: string;
  /** The database's own type name (`integer`, `varchar(255)`, `timestamp with time zone`…). */
  databaseType: string;
  /** The import type it maps to, when the driver's type says so. */
  type: ColumnType | null;
}

/** A table or view of a SQL connection. */
export interface TableInfo {
  /** The schema (PostgreSQL), database (MySQL) or null (SQLite). */
  schema: string | null;
  name: string;
  kind: 'table' | 'view';
  columns: TableColumn[];
}
