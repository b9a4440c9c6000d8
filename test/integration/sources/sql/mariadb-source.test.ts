import { describeSqlSource } from './sql-source-suite';
import { mariadbUnderTest } from './sql-servers';

// A MariaDB 10.11 source (the mysql connection kind) against the server test/servers/sql-setup.mjs
// started. The reader sees only what it has grants on: vault.secret is not listed.
describeSqlSource(mariadbUnderTest(), [
  ['intake', 'typed', 'table'],
  ['intake', 'typed_labels', 'view'],
  ['intake', 'visits', 'table'],
  ['intake', 'writable', 'table'],
  ['sales', 'orders', 'table'],
]);
