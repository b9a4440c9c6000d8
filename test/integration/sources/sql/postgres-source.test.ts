import { describeSqlSource } from './sql-source-suite';
import { postgresUnderTest } from './sql-servers';

// A PostgreSQL 15 source against the server test/servers/sql-setup.mjs started.
describeSqlSource(postgresUnderTest(), [
  ['public', 'secret', 'table'],
  ['public', 'typed', 'table'],
  ['public', 'typed_labels', 'view'],
  ['public', 'visits', 'table'],
  ['public', 'writable', 'table'],
  ['sales', 'orders', 'table'],
]);
