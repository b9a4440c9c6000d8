// Vitest globalSetup: a real PostgreSQL 15 and MariaDB 10.11 for the SQL source tests, started in
// parallel on 127.0.0.1, each with a database `intake` holding `typed` (1,000 rows of every type
// the drivers map, NULLs and awkward text included), a table it can read but not change
// (`writable`), something that writes when called (a function, and in PostgreSQL a sequence), a
// view, a second schema (`sales`) and a table the reader may not read (`secret`; in MariaDB
// `vault.secret`); and a role `reader` with SELECT grants only. How to reach them goes into
// process.env (INTAKE_TEST_PG_* and INTAKE_TEST_MYSQL_*) before the test workers start.
import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { start as startMariadb } from './mariadb.mjs';
import { start as startPostgres } from './postgres.mjs';

/** Rows of the `typed` table; the tests recompute each row's values from its id. */
const TYPED_ROWS = 1000;

/** Rows of `writable`, which a refused statement would change. */
const WRITABLE_ROWS = 3;

let servers = [];
let previous = {};

/** Starts both servers, creates their data and roles, and exports how to reach them. */
export async function setup() {
  // The servers come from Debian packages: elsewhere the SQL tests skip themselves.
  if (process.platform !== 'linux') return;
  const started = await Promise.allSettled([
    startPostgres({ password: `Pg-admin-${randomUUID()}` }),
    startMariadb({ password: `My-admin-${randomUUID()}` }),
  ]);
  servers = started.filter((outcome) => outcome.status === 'fulfilled').map((outcome) => outcome.value);
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const [postgres, mariadb] = servers;
  const readerPassword = `Reader-${randomUUID()}`;
  try {
    await Promise.all([seedPostgres(postgres, readerPassword), seedMariadb(mariadb, readerPassword)]);
  } catch (error) {
    await stopAll();
    throw error;
  }
  exportEnv({
    INTAKE_TEST_PG_HOST: postgres.host,
    INTAKE_TEST_PG_PORT: String(postgres.port),
    INTAKE_TEST_PG_USER: 'reader',
    INTAKE_TEST_PG_PASSWORD: readerPassword,
    INTAKE_TEST_PG_DATABASE: 'intake',
    INTAKE_TEST_PG_ADMIN_USER: postgres.user,
    INTAKE_TEST_PG_ADMIN_PASSWORD: postgres.password,
    INTAKE_TEST_PG_LOG: postgres.logPath,
    INTAKE_TEST_MYSQL_HOST: mariadb.host,
    INTAKE_TEST_MYSQL_PORT: String(mariadb.port),
    INTAKE_TEST_MYSQL_USER: 'reader',
    INTAKE_TEST_MYSQL_PASSWORD: readerPassword,
    INTAKE_TEST_MYSQL_DATABASE: 'intake',
    INTAKE_TEST_MYSQL_ADMIN_USER: mariadb.user,
    INTAKE_TEST_MYSQL_ADMIN_PASSWORD: mariadb.password,
    INTAKE_TEST_MYSQL_LOG: mariadb.logPath,
    INTAKE_TEST_SQL_TYPED_ROWS: String(TYPED_ROWS),
  });
}

/** Stops both servers (PIDs gone, folders removed) and restores the environment. */
export async function teardown() {
  for (const [name, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  previous = {};
  await stopAll();
}

async function stopAll() {
  const stopping = servers;
  servers = [];
  const outcomes = await Promise.allSettled(stopping.map((server) => server.stop()));
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

function exportEnv(values) {
  for (const [name, value] of Object.entries(values)) {
    previous[name] = process.env[name];
    process.env[name] = value;
  }
}

/** The `typed` rows: NULL in one column per row (by id % 10), the rest computed from the id. */
const POSTGRES_TYPED = `
CREATE TABLE typed (
  id integer PRIMARY KEY,
  small smallint,
  big bigint,
  exact numeric,
  ratio double precision,
  flag boolean,
  day date,
  local_at timestamp(6) without time zone,
  utc_at timestamp(6) with time zone,
  doc json,
  docb jsonb,
  label text,
  raw bytea
);
INSERT INTO typed
SELECT i,
  CASE WHEN i % 10 = 0 THEN NULL ELSE (i * 37 % 65536 - 32768)::smallint END,
  CASE WHEN i % 10 = 1 THEN NULL WHEN i % 2 = 0 THEN 9223372036854775807 - i ELSE -9223372036854775808 + i END,
  CASE WHEN i % 10 = 2 THEN NULL
       ELSE (CASE WHEN i % 2 = 0 THEN '' ELSE '-' END || '1234567890123456789012345678.' || lpad(i::text, 10, '0') || '123456789')::numeric END,
  CASE WHEN i % 10 = 3 THEN NULL ELSE (i / 8.0 - 60)::float8 END,
  CASE WHEN i % 10 = 4 THEN NULL ELSE i % 3 = 0 END,
  CASE WHEN i % 10 = 5 THEN NULL ELSE date '1999-12-31' + i * 7 END,
  CASE WHEN i % 10 = 6 THEN NULL ELSE timestamp '2024-02-28 23:59:59.123456' + i * interval '3601.5 seconds' END,
  CASE WHEN i % 10 = 7 THEN NULL ELSE timestamptz '2024-03-31 01:30:00.5+02' + i * interval '86460 seconds' END,
  CASE WHEN i % 10 = 8 THEN NULL
       ELSE ('{"i": ' || i || ', "tags": ["a", "b,c"], "big": 123456789012345678901234567890, "nested": {"x": null, "q": "say \\"hi\\""}}')::json END,
  CASE WHEN i % 10 = 8 THEN NULL
       ELSE ('{"i": ' || i || ', "tags": ["a", "b,c"], "big": 123456789012345678901234567890, "nested": {"x": null, "q": "say \\"hi\\""}}')::jsonb END,
  CASE WHEN i % 10 = 9 THEN NULL WHEN i % 10 = 0 THEN ''
       ELSE 'Row ' || i || E': "quoted", commas, and\\na newline; Žluťoučký kůň 🐎 ☃' || CASE WHEN i % 4 = 0 THEN E'\\r\\nCRLF' ELSE '' END END,
  CASE WHEN i % 10 = 9 THEN NULL ELSE decode(md5(i::text), 'hex') END
FROM generate_series(1, ${TYPED_ROWS}) AS i;`;

async function seedPostgres(server, readerPassword) {
  const admin = { host: server.host, port: server.port, user: server.user, password: server.password };
  await withPostgres({ ...admin, database: 'postgres' }, async (client) => {
    await client.query('CREATE DATABASE intake');
    await client.query(`CREATE ROLE reader LOGIN PASSWORD ${literal(readerPassword)}`);
  });
  await withPostgres({ ...admin, database: 'intake' }, async (client) => {
    await client.query("SET TIME ZONE 'UTC'");
    await client.query(POSTGRES_TYPED);
    await client.query(`
CREATE TABLE writable (id integer PRIMARY KEY, note text NOT NULL);
INSERT INTO writable SELECT i, 'note ' || i FROM generate_series(1, ${WRITABLE_ROWS}) AS i;
CREATE TABLE secret (id integer PRIMARY KEY, code text NOT NULL);
INSERT INTO secret VALUES (1, 'classified');
CREATE TABLE visits (id serial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
CREATE SEQUENCE counter;
-- Writes when selected, with its owner's rights: only the read-only transaction can stop it.
CREATE FUNCTION record_visit() RETURNS integer LANGUAGE sql VOLATILE SECURITY DEFINER
  AS $$ INSERT INTO visits DEFAULT VALUES RETURNING id $$;
CREATE VIEW typed_labels AS SELECT id, label FROM typed;
CREATE SCHEMA sales;
CREATE TABLE sales.orders (id bigint PRIMARY KEY, total numeric(12, 2), placed_at timestamptz, paid boolean);
REVOKE ALL ON DATABASE intake FROM PUBLIC;
GRANT CONNECT ON DATABASE intake TO reader;
GRANT USAGE ON SCHEMA public, sales TO reader;
GRANT SELECT ON typed, writable, visits, typed_labels, sales.orders TO reader;
GRANT USAGE ON SEQUENCE counter TO reader;
GRANT EXECUTE ON FUNCTION record_visit() TO reader;
REVOKE ALL ON secret FROM PUBLIC;`);
  });
}

async function withPostgres(config, work) {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

const MARIADB_TYPED = `
CREATE TABLE typed (
  id INT PRIMARY KEY,
  small SMALLINT,
  big BIGINT,
  ubig BIGINT UNSIGNED,
  exact DECIMAL(65, 30),
  ratio DOUBLE,
  flag BOOLEAN,
  tiny TINYINT,
  day DATE,
  local_at DATETIME(6),
  utc_at TIMESTAMP(6) NULL,
  doc JSON,
  label TEXT,
  raw VARBINARY(16)
) CHARACTER SET utf8mb4;
INSERT INTO typed
SELECT i,
  IF(i % 10 = 0, NULL, i * 37 % 65536 - 32768),
  IF(i % 10 = 1, NULL, IF(i % 2 = 0, 9223372036854775807 - i, -9223372036854775808 + i)),
  IF(i % 10 = 1, NULL, 18446744073709551615 - i),
  IF(i % 10 = 2, NULL, CAST(CONCAT(IF(i % 2 = 0, '', '-'), '12345678901234567890123456789012345.', LPAD(i, 10, '0'), '12345678901234567890') AS DECIMAL(65, 30))),
  IF(i % 10 = 3, NULL, i / 8 - 60),
  IF(i % 10 = 4, NULL, i % 3 = 0),
  IF(i % 10 = 4, NULL, i % 256 - 128),
  IF(i % 10 = 5, NULL, DATE '1999-12-31' + INTERVAL i * 7 DAY),
  IF(i % 10 = 6, NULL, TIMESTAMP '2024-02-28 23:59:59.123456' + INTERVAL i * 3601500000 MICROSECOND),
  IF(i % 10 = 7, NULL, TIMESTAMP '2024-03-30 23:30:00.500000' + INTERVAL i * 86460 SECOND),
  IF(i % 10 = 8, NULL, CONCAT('{"i": ', i, ', "tags": ["a", "b,c"], "big": 123456789012345678901234567890, "nested": {"x": null, "q": "say \\\\"hi\\\\""}}')),
  IF(i % 10 = 9, NULL, IF(i % 10 = 0, '',
     CONCAT('Row ', i, ': "quoted", commas, and\\na newline; Žluťoučký kůň 🐎 ☃', IF(i % 4 = 0, '\\r\\nCRLF', '')))),
  IF(i % 10 = 9, NULL, UNHEX(MD5(i)))
FROM (SELECT CAST(seq AS SIGNED) AS i FROM seq_1_to_${TYPED_ROWS}) AS numbers;`;

async function seedMariadb(server, readerPassword) {
  const connection = await mysql.createConnection({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    multipleStatements: true,
    charset: 'utf8mb4',
  });
  try {
    await connection.query(`
SET time_zone = '+00:00';
CREATE DATABASE intake CHARACTER SET utf8mb4;
USE intake;
${MARIADB_TYPED}
CREATE TABLE writable (id INT PRIMARY KEY, note TEXT NOT NULL);
INSERT INTO writable SELECT seq, CONCAT('note ', seq) FROM seq_1_to_${WRITABLE_ROWS};
CREATE TABLE visits (id INT AUTO_INCREMENT PRIMARY KEY, at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6));
CREATE FUNCTION record_visit() RETURNS INT MODIFIES SQL DATA SQL SECURITY DEFINER
BEGIN
  INSERT INTO visits () VALUES ();
  RETURN LAST_INSERT_ID();
END;
CREATE VIEW typed_labels AS SELECT id, label FROM typed;
CREATE DATABASE sales CHARACTER SET utf8mb4;
-- MariaDB checks grants before existence: a table the reader may not read lives in another
-- database, so that a missing table in intake is still "no such table".
CREATE DATABASE vault CHARACTER SET utf8mb4;
CREATE TABLE vault.secret (id INT PRIMARY KEY, code TEXT NOT NULL);
INSERT INTO vault.secret VALUES (1, 'classified');
CREATE TABLE sales.orders (id BIGINT PRIMARY KEY, total DECIMAL(12, 2), placed_at DATETIME, paid BOOLEAN);
CREATE USER 'reader'@'127.0.0.1' IDENTIFIED BY ${connection.escape(readerPassword)};
GRANT SELECT ON intake.* TO 'reader'@'127.0.0.1';
GRANT SELECT ON sales.* TO 'reader'@'127.0.0.1';
GRANT EXECUTE ON FUNCTION intake.record_visit TO 'reader'@'127.0.0.1';`);
  } finally {
    await connection.end();
  }
}

/** A PostgreSQL string literal (the password is ours, but quoted properly all the same). */
function literal(text) {
  return `'${text.replaceAll("'", "''")}'`;
}
