// Why Intake reads CSV with its own parser and XML with saxes, not with papaparse and fast-xml-parser (the
// libraries the original design card named): both are measured against Intake's readers on the same files.
//
//   npm run build && node test/bench/parser-choice.mjs [--quick]
//
// CSV, on the 1,000,000-row bench file (bench-data/bench-200mb.csv, quotes, commas and newlines inside
// quotes): papaparse streaming and on the whole string (the card's "parse the file"), Intake's CsvParser
// streaming and parseCsvText on the whole string (both run from the TypeScript sources with tsx, which adds
// its loader's memory: see "RSS at start"), and Intake's staging (runStageJob into a dataset file, which
// finds record ends in raw bytes and never splits fields). Every reader must find the same rows, all as
// wide as the header.
// XML, on a generated product feed (500,000 <item>s of 10 fields with attributes, &amp; and CDATA; 100,000
// with --quick): fast-xml-parser's XMLParser.parse, which only takes a whole string and builds the whole
// tree, against Intake's staging through its saxes record reader. Without --quick it then looks for the
// largest feed fast-xml-parser can parse, starting at Intake's 1 GB file limit (2,400,000 items), and
// stages that 1 GB feed with Intake.
//
// Each measurement runs in a fresh process, so peak RSS (resourceUsage().maxRSS) is its own; times include
// reading the file (from the page cache) but not module loading or Intake's preview. Generated feeds live
// in a temporary folder removed at the end.
import { spawnSync } from 'node:child_process';
import { constants as bufferConstants } from 'node:buffer';
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { generateCsv } from './generate.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const engine = join(root, 'out/main/engine.js');
const MiB = 1024 * 1024;
const CSV_ROWS = 1_000_000;

/** Counts data rows (the first record is the header) and rows whose field count differs from it. */
function rowCounter() {
  let width = -1;
  let rows = 0;
  let ragged = 0;
  return {
    add(fields) {
      if (width === -1) {
        width = fields;
        return;
      }
      rows += 1;
      if (fields !== width) ragged += 1;
    },
    get result() {
      return { rows, ragged };
    },
  };
}

/** Intake's staging task for a file, from its preview (as the app builds it). */
async function stageTask(file, dir) {
  const { previewFile } = await import(pathToFileURL(engine).href);
  const preview = await previewFile(file);
  return {
    spec: { kind: 'file', path: file },
    workspaceDir: dir,
    datasetPath: join(dir, 'dataset.sqlite'),
    format: preview.format,
    dialect: preview.dialect,
    columns: preview.header,
    ...(preview.xmlRecordPath ? { xmlRecordPath: preview.xmlRecordPath } : {}),
  };
}

const typescript = (path) => import(pathToFileURL(join(root, path)).href);

/**
 * The measurements a child process runs. Each loads what it needs and returns the timed work, which
 * resolves to {rows, ragged?}.
 */
const MEASUREMENTS = {
  async 'papaparse-stream'(file) {
    const { default: Papa } = await import('papaparse');
    return () =>
      new Promise((resolve, reject) => {
        const count = rowCounter();
        Papa.parse(createReadStream(file, { encoding: 'utf8' }), {
          skipEmptyLines: true,
          chunk: ({ data }) => data.forEach((row) => count.add(row.length)),
          complete: () => resolve(count.result),
          error: reject,
        });
      });
  },
  async 'papaparse-string'(file) {
    const { default: Papa } = await import('papaparse');
    return () => {
      const count = rowCounter();
      const { data } = Papa.parse(readFileSync(file, 'utf8'), { skipEmptyLines: true });
      data.forEach((row) => count.add(row.length));
      return count.result;
    };
  },
  async 'intake-csv-stream'(file) {
    const { CsvParser } = await typescript('src-main/services/read/csv/csv-parser.ts');
    return async () => {
      const count = rowCounter();
      const parser = new CsvParser(',', {
        line: (_text, fields) => count.add(fields),
        record: (fields) => count.add(fields.length),
      });
      for await (const text of createReadStream(file, { encoding: 'utf8' })) parser.push(text);
      parser.end();
      return count.result;
    };
  },
  async 'intake-csv-text'(file) {
    const { parseCsvText } = await typescript('src-main/services/read/csv/parse-csv-text.ts');
    return () => {
      const count = rowCounter();
      parseCsvText(readFileSync(file, 'utf8'), ',').forEach((row) => count.add(row.length));
      return count.result;
    };
  },
  async 'fast-xml-parser'(file) {
    const { XMLParser } = await import('fast-xml-parser');
    // Attributes kept: item@id and price@currency are data Intake imports too.
    return () => ({
      rows: new XMLParser({ ignoreAttributes: false }).parse(readFileSync(file, 'utf8')).feed.item.length,
    });
  },
  async 'intake-stage'(file) {
    const { runStageJob } = await import(pathToFileURL(engine).href);
    const dir = mkdtempSync(join(tmpdir(), 'intake-parser-choice-stage-'));
    const task = await stageTask(file, dir);
    return async () => {
      try {
        const outcome = await runStageJob(task, { progress() {}, checkpoint() {} });
        return { rows: outcome.rowCount, ...(task.format === 'csv' ? { ragged: outcome.raggedCount } : {}) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
  },
};

/** Child mode: runs one measurement and prints JSON {seconds, rows, ragged?, peakRssMiB, startRssMiB}. */
async function runChild(name, file) {
  const work = await MEASUREMENTS[name](file);
  const startRssMiB = process.memoryUsage().rss / MiB;
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ...result, seconds, peakRssMiB, startRssMiB }) + '\n');
}

/** Runs a measurement in a fresh process; a failed one reports why and how long it ran. */
function measure(label, name, file, { tsx = false } = {}) {
  process.stderr.write(`  ${label}…\n`);
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [...(tsx ? ['--import', 'tsx'] : []), fileURLToPath(import.meta.url), '--child', name, file],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * MiB },
  );
  if (child.status === 0) return { label, ...JSON.parse(child.stdout.trim().split('\n').at(-1)) };
  return { label, seconds: (performance.now() - started) / 1000, failure: failureReason(child) };
}

/** Why a child failed, in a few words. */
function failureReason(child) {
  if (/ERR_STRING_TOO_LONG|Cannot create a string longer/.test(child.stderr)) {
    return `longer than V8's longest string, ${(bufferConstants.MAX_STRING_LENGTH / MiB).toFixed(0)} MiB`;
  }
  if (/heap out of memory/.test(child.stderr)) {
    return `JavaScript heap out of memory, limit ${(getHeapStatistics().heap_size_limit / MiB).toFixed(0)} MiB`;
  }
  const firstLine = child.stderr.split('\n').find((line) => line.trim()) ?? '';
  return `exit ${child.status ?? child.signal}: ${firstLine}`;
}

const FEED_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns:g="http://base.google.com/ns/1.0">\n';
const BRANDS = ['Acme', 'Globex &amp; Sons', 'Initech', 'Umbrella', 'Stark Industries', 'Wayne &amp; Co'];

function feedItem(i) {
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  return (
    `<item id="${i}" available="${i % 4 !== 0}">` +
    `<g:id>SKU-${String(i).padStart(7, '0')}</g:id>` +
    `<title>Product ${i} &amp; case</title>` +
    `<description><![CDATA[<b>No. ${i}</b> & "more",\nline 2]]></description>` +
    `<link>https://ex.com/p/${i}?a=1&amp;b=2</link>` +
    `<price currency="EUR">${((i * 37) % 100000) / 100}</price>` +
    `<brand>${BRANDS[i % BRANDS.length]}</brand>` +
    `<category>Home &amp; Garden ${i % 50}</category>` +
    `<gtin>${4_000_000_000_000 + i}</gtin>` +
    `<stock warehouse="W${i % 3}">${i % 17}</stock>` +
    `<updated>2024-${month}-${day}T10:00:00Z</updated>` +
    `</item>\n`
  );
}

/** Writes a feed of `items` records (about 426 bytes each) and returns its size in bytes. */
function writeFeed(path, items) {
  const fd = openSync(path, 'w');
  let written = writeSync(fd, FEED_HEAD);
  let buffer = '';
  for (let i = 1; i <= items; i++) {
    buffer += feedItem(i);
    if (buffer.length > MiB) {
      written += writeSync(fd, buffer);
      buffer = '';
    }
  }
  written += writeSync(fd, buffer + '</feed>\n');
  closeSync(fd);
  return written;
}

const int = (n) => Math.round(n).toLocaleString('en');
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const rate = (m) => m.rows / m.seconds;
const growth = (m) => (m.peakRssMiB - m.startRssMiB).toFixed(0);
const outcome = (m) =>
  m.failure
    ? `failed after ${m.seconds.toFixed(0)} s (${m.failure})`
    : `took ${m.seconds.toFixed(2)} s at ${m.peakRssMiB.toFixed(0)} MiB peak`;
/** "1.6× the speed of" / "0.8× the speed of": a's rows/s over b's. */
const speed = (a, b) => `${(rate(a) / rate(b)).toFixed(1)}× the speed of`;

/** A table of measurements; the ragged column only where rows have fields (CSV). */
function table(title, measurements) {
  const withRagged = measurements.some((m) => m.ragged !== undefined);
  const rows = [
    ['', 'seconds', 'rows', 'rows/s', 'peak RSS', 'RSS at start', ...(withRagged ? ['ragged'] : [])],
    ...measurements.map((m) =>
      m.failure
        ? [m.label, m.seconds.toFixed(2), `failed: ${m.failure}`]
        : [
            m.label,
            m.seconds.toFixed(2),
            int(m.rows),
            int(rate(m)),
            `${m.peakRssMiB.toFixed(0)} MiB`,
            `${m.startRssMiB.toFixed(0)} MiB`,
            ...(withRagged ? [int(m.ragged)] : []),
          ],
    ),
  ];
  const widths = rows[0].map((_, column) =>
    Math.max(...rows.filter((row) => row.length > 3).map((row) => row[column].length)),
  );
  const line = (row) =>
    row.length > 3
      ? row
          .map((cell, column) => (column === 0 ? cell.padEnd(widths[0]) : cell.padStart(widths[column])))
          .join('  ')
      : `${row[0].padEnd(widths[0])}  ${row[1].padStart(widths[1])}  ${row[2]}`;
  return [title, ...rows.map(line)].join('\n');
}

/** "yes, …" when every measurement found `expected` rows (and none ragged), else which did not. */
function agreement(measurements, expected, unit) {
  const off = measurements.filter((m) => !m.failure && (m.rows !== expected || (m.ragged ?? 0) !== 0));
  if (off.length === 0) return `yes, ${int(expected)} ${unit} each${unit === 'rows' ? ', none ragged' : ''}`;
  return `NO: ${off.map((m) => `${m.label} found ${int(m.rows)} (${int(m.ragged ?? 0)} ragged)`).join('; ')}; expected ${int(expected)}`;
}

async function main() {
  const quick = process.argv.includes('--quick');
  const version = (name) =>
    JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  const load = () =>
    loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  if (!existsSync(engine)) throw new Error(`${relative(root, engine)} is missing: run npm run build first.`);
  console.log(
    `Parser choice benchmark${quick ? ' (--quick)' : ''}: Node ${process.version}, ${availableParallelism()} cores, ` +
      `heap limit ${(getHeapStatistics().heap_size_limit / MiB).toFixed(0)} MiB, papaparse ${version('papaparse')}, ` +
      `fast-xml-parser ${version('fast-xml-parser')}, saxes ${version('saxes')}; load average ${load()}`,
  );

  const csv = join(root, 'bench-data', 'bench-200mb.csv');
  const csvBytes = generateCsv(csv, { rows: CSV_ROWS });
  readFileSync(csv); // into the page cache, so no reader pays for the disk
  process.stderr.write('CSV\n');
  const papaStream = measure('papaparse: stream (chunk callback)', 'papaparse-stream', csv);
  const papaString = measure('papaparse: whole string', 'papaparse-string', csv);
  const intakeStream = measure('Intake CsvParser: stream (tsx)', 'intake-csv-stream', csv, { tsx: true });
  const intakeString = measure('Intake parseCsvText: whole string (tsx)', 'intake-csv-text', csv, {
    tsx: true,
  });
  const stageCsv = measure('Intake staging (byte scanner, no field split)', 'intake-stage', csv);
  const csvRuns = [papaStream, papaString, intakeStream, intakeString, stageCsv];

  const dir = mkdtempSync(join(tmpdir(), 'intake-parser-choice-'));
  try {
    const items = quick ? 100_000 : 500_000;
    const feed = join(dir, `feed-${items}.xml`);
    const feedBytes = writeFeed(feed, items);
    process.stderr.write('XML\n');
    const fxp = measure('fast-xml-parser: XMLParser.parse(whole string)', 'fast-xml-parser', feed);
    const stageXml = measure('Intake staging (saxes record reader)', 'intake-stage', feed);
    const xmlRuns = [fxp, stageXml];

    // The largest feed fast-xml-parser parses: from Intake's 1 GB limit down, stopping at the first success.
    // Intake stages the feed at the limit.
    let stageLimit = null;
    const ladder = [];
    for (const size of quick ? [] : [2_400_000, 1_000_000, 750_000]) {
      const path = join(dir, `feed-${size}.xml`);
      const bytes = writeFeed(path, size);
      const label = `${int(size)} items, ${mb(bytes)}`;
      stageLimit ??= { ...measure(`Intake staging: ${label}`, 'intake-stage', path), bytes };
      const run = { ...measure(`fast-xml-parser: ${label}`, 'fast-xml-parser', path), items: size, bytes };
      ladder.push(run);
      rmSync(path);
      if (!run.failure) break;
    }

    console.log(`Load average after the runs: ${load()}\n`);
    console.log(table(`CSV: ${relative(root, csv)}, ${mb(csvBytes)}, ${int(CSV_ROWS)} data rows`, csvRuns));
    console.log(`Row counts agree: ${agreement(csvRuns, CSV_ROWS, 'rows')}\n`);
    console.log(table(`XML: generated feed, ${int(items)} items, ${mb(feedBytes)}`, xmlRuns));
    console.log(`Record counts agree: ${agreement(xmlRuns, items, 'records')}`);
    if (!quick) {
      console.log(
        `\n${table("XML: fast-xml-parser from Intake's 1 GB limit down; Intake at the limit", [stageLimit, ...ladder])}`,
      );
    }

    const csvSentences = [
      `CSV: Intake's streaming parser splits every field of the ${int(CSV_ROWS)} rows in ` +
        `${intakeStream.seconds.toFixed(2)} s, ${speed(intakeStream, papaStream)} papaparse's stream ` +
        `(${papaStream.seconds.toFixed(2)} s), growing ${growth(intakeStream)} MiB above its start against ` +
        `papaparse's ${growth(papaStream)} MiB (peaks ${intakeStream.peakRssMiB.toFixed(0)} MiB, tsx's loader ` +
        `included, and ${papaStream.peakRssMiB.toFixed(0)} MiB).`,
      `Staging, which only finds record ends in the raw bytes and stores them, ${outcome(stageCsv)}, ` +
        `dataset writes included.`,
      `Parsing the whole string, as the card's papaparse call does, keeps every row: papaparse ` +
        `${outcome(papaString)} (Intake's parseCsvText ${outcome(intakeString)}), and no file above ` +
        `${(bufferConstants.MAX_STRING_LENGTH / MiB).toFixed(0)} MiB fits in one string.`,
    ];
    const xmlSentences = [
      `XML: fast-xml-parser has no streaming; on the ${mb(feedBytes)} feed it ${outcome(fxp)}` +
        `${fxp.failure ? '' : ` (${(fxp.peakRssMiB / (feedBytes / MiB)).toFixed(1)}× the file)`}, while Intake's ` +
        `staging through saxes, which holds one record at a time, ${outcome(stageXml)}.`,
      ...ladder.map(
        (run) => `On ${int(run.items)} items (${mb(run.bytes)}) fast-xml-parser ${outcome(run)}.`,
      ),
      ...(stageLimit ? [`Intake's staging of the ${mb(stageLimit.bytes)} feed ${outcome(stageLimit)}.`] : []),
    ];
    console.log(`\nConclusion. ${[...csvSentences, ...xmlSentences].join(' ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await runChild(process.argv[3], process.argv[4]);
else await main();
