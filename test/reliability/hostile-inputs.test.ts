import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';
import { FORMULA, FORMULA_ROWS, generateHostileFiles, HOSTILE_NAME, type HostileFile } from './hostile-files';
import { formatTable, runMeasured, type Outcome } from './measured-run';

// Issue 19's bad-input suite: every hostile file through the built `intake sniff`, `preview` and
// `import`, each within 10 s and 300 MB, ending in a success whose rows are the file's or a clear
// refusal. Crashes, hangs and unclear messages are counted and must be zero; the table of every
// input × command is printed for a human to read. RELIABILITY_SOAK=1 makes the big inputs bigger.

const SOAK = process.env.RELIABILITY_SOAK === '1';
/**
 * 10 s and 300 MB a run. A run past 10 s of both wall-clock and CPU time is over budget; one still
 * running at RELIABILITY_KILL_FACTOR × 10 s wall (3 by default: neighbours on a shared 2-core machine
 * were seen to stretch wall times 4×) is killed and counted as hung. Set it to 1 on a dedicated runner.
 */
const BUDGET = { ms: 10_000, killMs: 10_000 * Number(process.env.RELIABILITY_KILL_FACTOR ?? 3), rssMb: 300 };
const COMMANDS = ['sniff', 'preview', 'import'] as const;
type Command = (typeof COMMANDS)[number];
const CLI_BUNDLE = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));
/** What the file-external-entity would pull in if it were expanded. */
const SECRET = 'intake-reliability-secret-5f1c2e';

const temp = makeTempDir('intake-hostile-');
const inputs = join(temp.dir, 'inputs');
const trapConnections: string[] = [];
let trap: Server;
let files: HostileFile[] = [];
const results: { file: HostileFile; command: Command; variant: string; outcome: Outcome }[] = [];

/** The workspace an input's import writes to (one each, so its rows can be checked alone). */
const workspaceOf = (file: HostileFile, variant = '') => join(temp.dir, 'workspaces', file.id + variant);

function argsFor(file: HostileFile, command: Command, variant: string): string[] {
  const options =
    command === 'import'
      ? [
          '--type',
          'customers',
          '--id',
          `${file.idColumn}=registered`,
          '--workspace',
          workspaceOf(file, variant),
        ]
      : [];
  // A name with a leading dash, as a script passes it: after `--`, relative to the folder.
  if (variant === ' (after --)') return [command, '--json', ...options, '--', HOSTILE_NAME];
  return [command, file.path, '--json', ...options];
}

beforeAll(
  async () => {
    if (!existsSync(CLI_BUNDLE)) throw new Error(`${CLI_BUNDLE} is missing: run \`npm run build\` first.`);
    trap = createServer((socket) => {
      trapConnections.push(`${socket.remoteAddress}:${socket.remotePort}`);
      socket.end('HTTP/1.0 200 OK\r\nContent-Type: application/xml-dtd\r\n\r\n<!ENTITY x "trapped">\n');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const secretPath = join(temp.dir, 'secret.txt');
    writeFileSync(secretPath, SECRET);
    mkdirSync(inputs);
    const started = performance.now();
    files = generateHostileFiles(inputs, {
      trapPort: (trap.address() as { port: number }).port,
      secretPath,
      soak: SOAK,
    });
    const legend = files.map((file) => `  ${file.id.padEnd(24)}${file.what}`).join('\n');
    console.log(
      `${files.length} hostile inputs in ${Math.round(performance.now() - started)} ms:\n${legend}`,
    );

    // Sequentially: two cores, and a run's time is only comparable to the budget when it runs alone.
    for (const file of files) {
      const variants = file.id === 'hostile-name' ? ['', ' (after --)'] : [''];
      for (const variant of variants) {
        for (const command of COMMANDS) {
          const outcome = await runMeasured(argsFor(file, command, variant), BUDGET, inputs);
          results.push({ file, command, variant, outcome });
        }
      }
    }
    const counts = (['crash', 'hang', 'unclear'] as const).map((kind) => `${kind} ${having(kind).length}`);
    console.log(`\n${table()}\n${results.length} runs: ${counts.join(' · ')}\n`);
  },
  (SOAK ? 3 : 1.5) * 600_000,
);

afterAll(async () => {
  await new Promise((resolve) => trap?.close(resolve));
  temp.remove();
});

function table(): string {
  const rows = results.map(({ file, command, variant, outcome }) => [
    file.id + variant,
    command,
    `${(outcome.ms / 1000).toFixed(2)} s`,
    outcome.cpuMs === null ? '?' : `${(outcome.cpuMs / 1000).toFixed(2)} s`,
    outcome.rssMb === null ? '?' : `${Math.round(outcome.rssMb)} MB`,
    outcome.kind,
    outcome.code ?? '',
    (outcome.why || outcome.message).replace(/\s+/g, ' ').slice(0, 110),
  ]);
  return formatTable(['input', 'command', 'wall', 'CPU', 'peak RSS', 'outcome', 'code', 'message'], rows);
}

const having = (kind: Outcome['kind']) =>
  results
    .filter((result) => result.outcome.kind === kind)
    .map(({ file, command, variant, outcome }) => ({
      input: file.id + variant,
      command,
      why: outcome.why,
      stderr: outcome.stderr.slice(0, 2000),
    }));

/** How an input must end, per command: a refusal whose message names the problem, or checks of a success. */
interface Expectation {
  /** Success would be wrong (there is nothing true to read): the refusal must match this. */
  refuse?: RegExp;
  /** When it may be refused (a defensible limit), what the refusal must name. */
  orRefuse?: RegExp;
  /** Checks of a successful command's answer (and, for import, of the rows it stored). */
  success?: (command: Command, json: Record<string, unknown>, file: HostileFile, variant: string) => void;
}

const previewOf = (json: Record<string, unknown>) =>
  json as { header: string[]; rows: string[][]; columns: { name: string }[]; warnings: { code: string }[] };

/** The registered IDs an import stored, each with its attributes (JSON values parsed), by ID. */
function storedCustomers(file: HostileFile, variant: string): Map<string, Record<string, unknown>> {
  const db = new BetterSqlite3(join(workspaceOf(file, variant), 'workspace.sqlite'), { readonly: true });
  try {
    const found = db
      .prepare(
        `SELECT i.value AS id, a.name, a.value FROM customer_ids i
           LEFT JOIN customer_attributes a ON a.customer_id = i.customer_id
          WHERE i.id_type = 'registered' ORDER BY i.value, a.name`,
      )
      .all() as { id: string; name: string | null; value: string | null }[];
    const customers = new Map<string, Record<string, unknown>>();
    for (const { id, name, value } of found) {
      const attributes = customers.get(id) ?? {};
      if (name !== null) attributes[name] = value === null ? null : JSON.parse(value);
      customers.set(id, attributes);
    }
    return customers;
  } finally {
    db.close();
  }
}

/** A successful command's answer: preview rows and header as given; an import's counts and stored IDs. */
function holds(expected: {
  header: string[];
  rows: string[][];
  counts: { read: number; imported: number; rejected: number };
  attributes?: Record<string, Record<string, unknown>>;
}): Expectation['success'] {
  return (command, json, file, variant) => {
    if (command === 'sniff') expect(previewOf(json).columns.map((c) => c.name)).toEqual(expected.header);
    if (command === 'preview') {
      expect(previewOf(json).header).toEqual(expected.header);
      expect(previewOf(json).rows).toEqual(expected.rows);
    }
    if (command === 'import') {
      expect(json.rows).toMatchObject(expected.counts);
      const stored = storedCustomers(file, variant);
      expect(stored.size).toBe(expected.counts.imported);
      for (const [id, attributes] of Object.entries(expected.attributes ?? {}))
        expect(stored.get(id), `customer ${id}`).toEqual(attributes);
    }
  };
}

const EXPECTED: Record<string, Expectation> = {
  empty: { refuse: /is empty \(0 bytes\)/ },
  'bom-only': { refuse: /no rows|empty/ },
  'nul-bytes': {
    orRefuse: /NUL byte/,
    success: holds({
      header: ['id', 'name'],
      rows: [
        ['1', 'An\0n'],
        ['2', '\0\0\0'],
        ['3', 'Cid'],
      ],
      counts: { read: 3, imported: 3, rejected: 0 },
    }),
  },
  'invalid-utf8': {
    orRefuse: /UTF-8|encoding|byte/,
    // Read in a legacy single-byte encoding: three rows, IDs intact, whatever letters the bytes make.
    success: (command, json, file, variant) => {
      if (command === 'preview') expect(previewOf(json).rows.map((row) => row[0])).toEqual(['1', '2', '3']);
      if (command === 'import') {
        expect(json.rows).toMatchObject({ read: 3, imported: 3, rejected: 0 });
        expect([...storedCustomers(file, variant).keys()]).toEqual(['1', '2', '3']);
      }
    },
  },
  'field-10mb': {
    orRefuse: /MB/,
    success: (command, json, file, variant) => {
      if (command === 'preview') {
        const rows = previewOf(json).rows;
        expect(rows.map((row) => [row[0], row[1]!.length])).toEqual([
          ['1', 10 * 1024 * 1024],
          ['2', 5],
        ]);
        expect(rows[0]![1]).toMatch(/^x+$/);
      }
      if (command === 'import') {
        expect(json.rows).toMatchObject({ read: 2, imported: 2, rejected: 0 });
        const stored = storedCustomers(file, variant);
        expect((stored.get('1')?.note as string).length).toBe(10 * 1024 * 1024);
        expect(stored.get('2')).toEqual({ note: 'short' });
      }
    },
  },
  'no-newline-50mb': { refuse: /no line break|row is longer/ },
  // 10,000 columns preview and map; importing them all is refused (the platform takes 260).
  'columns-10000': {
    // Only an import can be refused: its two identical rows read as data (no header), so the
    // --id column is not there — said with the first columns' names, not all 10,000.
    orRefuse: /no column "c0" \(its columns: column_1, column_2, .*column_20 and 9,980 more\)/,
    success: (command, json) => {
      expect(command, 'importing 10,000 columns must be refused').not.toBe('import');
      if (command === 'preview') expect(previewOf(json).header).toHaveLength(10_000);
    },
  },
  'header-400000': { refuse: /400,000 columns, over the 10,000 Intake can preview and map/ },
  // Read leniently: the stray quote is text (the dialect bar's switch, --strict-quotes, refuses it).
  'unterminated-quote': {
    success: holds({
      header: ['id', 'name'],
      rows: [
        ['1', 'Ann'],
        ['2', '"Bob'],
        ['3', 'Cid'],
        ['4', 'Dee'],
      ],
      counts: { read: 4, imported: 4, rejected: 0 },
    }),
  },
  'png-as-csv': { refuse: /binary file/ },
  'random-as-csv': { refuse: /binary file/ },
  'billion-laughs': { refuse: /nests entity references more than 8 deep/ },
  'xxe-file': { refuse: /declares the external entity "leak"/ },
  'xxe-port': { refuse: /declares the parameter entity "%remote;"/ },
  // An external DTD is never fetched (the trap sees no connection): the document reads without it.
  'xxe-port-dtd': {
    success: holds({ header: ['id'], rows: [['1']], counts: { read: 1, imported: 1, rejected: 0 } }),
  },
  'attributes-1m': { refuse: /more than 10000 attributes.*10000-column limit/ },
  'nesting-100k': { refuse: /nests elements too deep.*256-level limit/ },
  formulas: {
    success: (command, json, file, variant) => {
      if (command === 'sniff') expect(json).toMatchObject({ delimiter: ',', hasHeader: true });
      if (command !== 'import') expect(previewOf(json).columns.map((c) => c.name)).toEqual(['x', 'y']);
      if (command === 'preview') expect(previewOf(json).rows[0]).toEqual([FORMULA, 'user0@example.com']);
      if (command === 'import') {
        expect(json.rows).toMatchObject({ read: FORMULA_ROWS, imported: FORMULA_ROWS, rejected: 0 });
        const stored = storedCustomers(file, variant);
        expect(stored.size).toBe(FORMULA_ROWS);
        // Stored as the text it is; defusing formulas is the export's job.
        expect(stored.get('user0@example.com')).toEqual({ x: FORMULA });
      }
    },
  },
  'mixed-line-ends': {
    success: (command, json, file, variant) => {
      if (command !== 'import') expect(json).toMatchObject({ newline: 'mixed', hasHeader: true });
      if (command === 'preview')
        expect(previewOf(json).rows).toEqual([
          ['1', 'Ann', '30'],
          ['2', 'Bob', '41'],
          ['3', 'Cid'],
          ['4', 'Dee', '52', 'extra'],
          ['5', 'Eve', '23'],
        ]);
      if (command === 'import') {
        expect(json.rows).toMatchObject({ read: 5, imported: 3, rejected: 2 });
        expect((json.rejects as { row: number }[]).map((reject) => reject.row)).toEqual([4, 5]);
        expect(Object.fromEntries(storedCustomers(file, variant))).toEqual({
          '1': { name: 'Ann', age: 30 },
          '2': { name: 'Bob', age: 41 },
          '5': { name: 'Eve', age: 23 },
        });
      }
    },
  },
  'header-empty-duplicate': {
    // Quick import cannot say where the second "name" goes: refused, naming it (or imported, if it learns).
    orRefuse: /"name"/,
    success: (command, json, file, variant) => {
      if (command !== 'import') {
        expect(json).toMatchObject({ hasHeader: true });
        expect(previewOf(json).warnings.map((w) => w.code)).toEqual(
          expect.arrayContaining(['empty-headers', 'duplicate-headers']),
        );
      }
      if (command === 'preview')
        expect(previewOf(json).rows.map((row) => row[0])).toEqual(['c1', 'c2', 'c3']);
      if (command === 'import') {
        expect(json.rows).toMatchObject({ read: 3, imported: 3, rejected: 0 });
        expect([...storedCustomers(file, variant).keys()]).toEqual(['c1', 'c2', 'c3']);
      }
    },
  },
  'hostile-name': {
    success: holds({
      header: ['id', 'name'],
      rows: [
        ['1', 'Ann'],
        ['2', 'Bob'],
      ],
      counts: { read: 2, imported: 2, rejected: 0 },
      attributes: { '1': { name: 'Ann' }, '2': { name: 'Bob' } },
    }),
  },
  directory: { refuse: /"directory\.csv" is not a file/ },
  fifo: { refuse: /"fifo\.csv" is not a file/ },
  missing: { refuse: /"missing\.csv".*(no such file|does not exist)/ },
  'utf16-odd-bytes': {
    success: (command, json, file, variant) => {
      if (command !== 'import') {
        expect(json).toMatchObject({ encoding: 'utf-16le' });
        expect(previewOf(json).warnings.map((w) => w.code)).toContain('stray-byte');
      }
      holds({
        header: ['id', 'name'],
        rows: [
          ['1', 'Ann'],
          ['2', 'Bob'],
        ],
        counts: { read: 2, imported: 2, rejected: 0 },
      })!(command, json, file, variant);
    },
  },
};

describe('hostile inputs through the built CLI', () => {
  it('ran every input through sniff, preview and import', () => {
    expect(files.map((file) => file.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(results).toHaveLength((files.length + 1) * COMMANDS.length);
  });

  it('crashes nothing: no signal, no stack trace, no INTERNAL', () => {
    expect(having('crash')).toEqual([]);
  });

  it('hangs on nothing: every process ends by itself, within the 10 s budget', () => {
    expect(having('hang')).toEqual([]);
    for (const { outcome } of results) expect(outcome.signal).toBeNull();
  });

  it('refuses only with a coded JSON error whose message names the problem', () => {
    expect(having('unclear')).toEqual([]);
  });

  it('stays under 300 MB peak RSS on every input', () => {
    const over = results
      .filter(
        ({ outcome }) =>
          (outcome.rssMb ?? 0) > BUDGET.rssMb || (outcome.rssMb === null && outcome.kind !== 'hang'),
      )
      .map(({ file, command, outcome }) => `${file.id} ${command}: ${outcome.rssMb} MB`);
    expect(over).toEqual([]);
  });

  it('never reaches out: no connection to the port the external entities name, the file never read', () => {
    expect(trapConnections).toEqual([]);
    for (const { outcome } of results) expect(outcome.stdout + outcome.stderr).not.toContain(SECRET);
    const xxe = files.find((file) => file.id === 'xxe-file')!;
    const workspace = workspaceOf(xxe);
    for (const name of existsSync(workspace) ? readdirSync(workspace, { recursive: true }) : []) {
      const path = join(workspace, String(name));
      if (statSync(path).isFile()) expect(readFileSync(path).includes(SECRET), path).toBe(false);
    }
  });

  it('runs nothing a hostile file name spells: no `$(touch pwned)`, no `id`', () => {
    expect(existsSync(join(inputs, 'pwned'))).toBe(false);
    expect(existsSync(join(process.cwd(), 'pwned'))).toBe(false);
  });

  it.each(Object.keys(EXPECTED))('%s: each command gives what the file holds, or says why not', (id) => {
    const expected = EXPECTED[id]!;
    for (const { file, command, variant, outcome } of results.filter((result) => result.file.id === id)) {
      const label = `${id}${variant} ${command}: ${outcome.kind} ${outcome.code ?? ''} ${outcome.message}`;
      if (outcome.kind === 'success') {
        expect(expected.refuse, `${label} should have been refused`).toBeUndefined();
        expected.success?.(command, outcome.json!, file, variant);
      } else {
        expect(outcome.kind, label).toBe('refusal');
        const pattern = expected.refuse ?? expected.orRefuse;
        expect(pattern, `${label} should have succeeded`).toBeDefined();
        expect(outcome.message, label).toMatch(pattern!);
      }
    }
  });
});
