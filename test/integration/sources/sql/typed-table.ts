import { createHash } from 'node:crypto';
import type { ColumnType } from '../../../../src-shared/model/column-type';

// The `typed` table test/servers/sql-setup.mjs creates, recomputed here from each row's id
// without asking the server: what every cell must be once it has crossed the driver and
// rows-as-csv (exact digits, ISO timestamps, JSON text as stored, base64 bytes). One column per
// row is NULL (by id % 10); id % 10 = 0 has an empty label, which CSV cannot tell from NULL.

export type Engine = 'postgres' | 'mysql';

/** The columns of `typed` in order, with the type each driver must declare. */
export function typedColumns(engine: Engine): [string, ColumnType | null][] {
  return engine === 'postgres'
    ? [
        ['id', 'number'],
        ['small', 'number'],
        ['big', 'number'],
        ['exact', 'number'],
        ['ratio', 'number'],
        ['flag', 'boolean'],
        ['day', 'date'],
        ['local_at', 'datetime'],
        ['utc_at', 'datetime'],
        ['doc', 'json'],
        ['docb', 'json'],
        ['label', null],
        ['raw', null],
      ]
    : [
        ['id', 'number'],
        ['small', 'number'],
        ['big', 'number'],
        ['ubig', 'number'],
        ['exact', 'number'],
        ['ratio', 'number'],
        ['flag', 'boolean'],
        ['tiny', 'number'],
        ['day', 'date'],
        ['local_at', 'datetime'],
        ['utc_at', 'datetime'],
        ['doc', 'json'],
        ['label', null],
        ['raw', null],
      ];
}

const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const DAY_MS = 86_400_000;

/** Row `i` of `typed` as CSV cells ('' for NULL), in typedColumns order. */
export function typedCells(engine: Engine, i: number): string[] {
  const nullIf = (remainder: number, value: () => string) => (i % 10 === remainder ? '' : value());
  const sign = i % 2 === 0 ? '' : '-';
  const pad = String(i).padStart(10, '0');
  const doc = `{"i": ${i}, "tags": ["a", "b,c"], "big": 123456789012345678901234567890, "nested": {"x": null, "q": "say \\"hi\\""}}`;
  const label =
    i % 10 === 9
      ? ''
      : i % 10 === 0
        ? ''
        : `Row ${i}: "quoted", commas, and\na newline; Žluťoučký kůň 🐎 ☃${i % 4 === 0 ? '\r\nCRLF' : ''}`;
  const raw = nullIf(9, () => createHash('md5').update(String(i)).digest('base64'));
  // Microseconds since the epoch: the setup adds whole and half seconds to a fixed instant.
  const localMicros =
    BigInt(Date.UTC(2024, 1, 28, 23, 59, 59)) * 1000n + 123_456n + BigInt(i) * 3_601_500_000n;
  const utcMicros = BigInt(Date.UTC(2024, 2, 30, 23, 30, 0)) * 1000n + 500_000n + BigInt(i) * 86_460_000_000n;
  // PostgreSQL drops trailing zeros of the fraction; MariaDB's DATETIME(6) always writes six digits.
  const fraction = engine === 'postgres' ? 'trimmed' : 'six';
  const common = {
    id: String(i),
    small: nullIf(0, () => String(((i * 37) % 65536) - 32768)),
    big: nullIf(1, () => String(i % 2 === 0 ? INT64_MAX - BigInt(i) : -INT64_MAX - 1n + BigInt(i))),
    ratio: nullIf(3, () => String(i / 8 - 60)),
    flag: nullIf(4, () => String(i % 3 === 0)),
    day: nullIf(5, () => new Date(Date.UTC(1999, 11, 31) + i * 7 * DAY_MS).toISOString().slice(0, 10)),
    local_at: nullIf(6, () => isoMicros(localMicros, fraction, '')),
    utc_at: nullIf(7, () => isoMicros(utcMicros, fraction, 'Z')),
    doc: nullIf(8, () => doc),
    label,
    raw,
  };
  if (engine === 'postgres') {
    const docb = `{"i": ${i}, "big": 123456789012345678901234567890, "tags": ["a", "b,c"], "nested": {"q": "say \\"hi\\"", "x": null}}`;
    return [
      common.id,
      common.small,
      common.big,
      nullIf(2, () => `${sign}1234567890123456789012345678.${pad}123456789`),
      common.ratio,
      common.flag,
      common.day,
      common.local_at,
      common.utc_at,
      common.doc,
      nullIf(8, () => docb),
      common.label,
      common.raw,
    ];
  }
  return [
    common.id,
    common.small,
    common.big,
    nullIf(1, () => String(UINT64_MAX - BigInt(i))),
    nullIf(2, () => `${sign}12345678901234567890123456789012345.${pad}12345678901234567890`),
    common.ratio,
    common.flag,
    nullIf(4, () => String((i % 256) - 128)),
    common.day,
    common.local_at,
    common.utc_at,
    common.doc,
    common.label,
    common.raw,
  ];
}

/** An instant in microseconds as ISO 8601 (`2024-03-31T23:31:00.5` + zone). */
function isoMicros(micros: bigint, fraction: 'trimmed' | 'six', zone: string): string {
  const seconds = micros / 1_000_000n;
  const part = String(micros % 1_000_000n).padStart(6, '0');
  const whole = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const digits = fraction === 'six' ? part : part.replace(/0+$/, '');
  return `${whole}${digits ? `.${digits}` : ''}${zone}`;
}

/**
 * What the workspace keeps for a cell of a column imported as `type` (stored-value.ts's JSON):
 * numbers as JavaScript doubles, datetimes as UTC with six fraction digits, JSON re-serialised.
 * Null for a blank cell.
 */
export function storedValue(type: ColumnType, cell: string): string | null {
  if (cell === '') return null;
  switch (type) {
    case 'number':
      return JSON.stringify(Number(cell));
    case 'boolean':
      return cell;
    case 'datetime': {
      const match = /^(.{19})(?:\.(\d+))?(Z?)$/.exec(cell)!;
      return JSON.stringify(`${match[1]}.${(match[2] ?? '').padEnd(6, '0')}Z`);
    }
    case 'json':
      return JSON.stringify(JSON.parse(cell));
    default:
      return JSON.stringify(cell);
  }
}
