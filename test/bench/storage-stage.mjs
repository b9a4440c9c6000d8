// Fetching and staging the 200 MB benchmark file from file storage over loopback, against its
// baseline measured in the same run (issue 13): SFTP (OpenSSH sshd) and S3 (s3rver) must stage
// within 1.3× of (staging the same file locally + moving the same bytes with the system's own
// client: `sftp` for SFTP, `curl` for S3). Run after `npm run build`:
//   node test/bench/storage-stage.mjs [--runs N]
// Needs root for sshd (the test user); the servers start on 127.0.0.1 and stop by PID.
// Each staging runs in a fresh process (`--stage <kind>`), so peak RSS is per staging.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, createReadStream, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const engine = join(root, 'out/main/engine.js');
const BENCH_FILE = join(root, 'bench-data', 'bench-200mb.csv');

if (process.argv[2] === '--stage') await stageOnce(process.argv[3], JSON.parse(process.argv[4]));
else await main();

/** One staging in this process; prints {seconds, rows, bytes, peakRssMb}. */
async function stageOnce(kind, target) {
  const { previewFile, runStageJob } = await import(pathToFileURL(engine).href);
  const preview = await previewFile(BENCH_FILE);
  const dir = mkdtempSync(join(tmpdir(), 'intake-bench-storage-'));
  const spec =
    kind === 'local'
      ? { kind: 'file', path: BENCH_FILE }
      : { kind: 'storage', connectionId: 'bench', path: target.path, match: null, select: 'all' };
  const started = performance.now();
  try {
    const outcome = await runStageJob(
      {
        spec,
        workspaceDir: dir,
        datasetPath: join(dir, 'dataset.sqlite'),
        format: preview.format,
        dialect: preview.dialect,
        columns: preview.header,
        ...(kind === 'local' ? {} : { connection: target.connection }),
      },
      { progress() {}, checkpoint() {} },
    );
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${JSON.stringify({ seconds, rows: outcome.rowCount, bytes: outcome.bytesRead, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const at = process.argv.indexOf('--runs');
  const runs = at > 0 ? Number(process.argv[at + 1]) : 3;
  const { generateCsv } = await import('./generate.mjs');
  mkdirSync(join(root, 'bench-data'), { recursive: true });
  const size = generateCsv(BENCH_FILE, { rows: 1_000_000 });
  const { startSshd } = await import('../servers/sshd.mjs');
  const { startS3rver, S3RVER_KEY } = await import('../servers/s3rver.mjs');
  const sshd = await startSshd();
  const s3 = await startS3rver();
  try {
    // The file on each server.
    copyFileSync(BENCH_FILE, join(sshd.area, 'bench-200mb.csv'));
    const key = 'bench/bench-200mb.csv';
    await upload(s3, key, size, S3RVER_KEY);

    const sftpTarget = {
      path: `${sshd.folder}/bench-200mb.csv`,
      connection: {
        id: 'bench-sftp',
        name: 'bench sftp',
        secret: null,
        settings: {
          kind: 'sftp',
          host: '127.0.0.1',
          port: sshd.port,
          user: sshd.user,
          keyFile: sshd.keyFile,
          hostKeySha256: sshd.hostKeySha256,
        },
      },
    };
    const s3Target = {
      path: key,
      connection: {
        id: 'bench-s3',
        name: 'bench s3',
        secret: S3RVER_KEY.secretAccessKey,
        settings: {
          kind: 's3',
          region: 'us-east-1',
          bucket: s3.bucket,
          endpoint: s3.endpoint,
          user: S3RVER_KEY.accessKeyId,
        },
      },
    };
    const sftpGet = () =>
      timed(() =>
        execFileSync(
          'sftp',
          [
            '-q',
            '-i',
            sshd.keyFile,
            '-P',
            String(sshd.port),
            '-o',
            'StrictHostKeyChecking=no',
            '-o',
            'UserKnownHostsFile=/dev/null',
            '-b',
            '-',
            `${sshd.user}@127.0.0.1`,
          ],
          { input: `get ${sftpTarget.path} /dev/null\n`, stdio: ['pipe', 'ignore', 'pipe'] },
        ),
      );
    // s3rver serves anonymous GETs: the same bytes over the same loopback HTTP, without signing.
    const curlGet = () =>
      timed(() => {
        const result = spawnSync('curl', ['-sSf', '-o', '/dev/null', `${s3.endpoint}/${s3.bucket}/${key}`]);
        if (result.status !== 0) throw new Error(`curl failed: ${result.stderr}`);
      });

    // Interleaved, so load from elsewhere on the machine spreads over every measure alike.
    const measures = { local: [], sftp: [], s3: [], sftpGet: [], curl: [] };
    for (let i = 0; i < runs; i++) {
      measures.local.push(stage('local', {}));
      measures.sftpGet.push({ seconds: sftpGet() });
      measures.sftp.push(stage('sftp', sftpTarget));
      measures.curl.push({ seconds: curlGet() });
      measures.s3.push(stage('s3', s3Target));
    }
    const median = (list) => [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor(list.length / 2)];
    const m = Object.fromEntries(Object.entries(measures).map(([name, list]) => [name, median(list)]));
    for (const kind of ['local', 'sftp', 's3']) {
      if (m[kind].rows !== m.local.rows)
        throw new Error(`${kind} staged ${m[kind].rows} rows, local ${m.local.rows}`);
    }
    const mb = size / 1e6;
    const s = (x) => `${x.toFixed(2)} s`;
    const rows = [
      ['file', `${mb.toFixed(1)} MB, ${m.local.rows.toLocaleString('en')} rows; median of ${runs} runs each`],
      ['stage locally', `${s(m.local.seconds)} (peak RSS ${m.local.peakRssMb.toFixed(0)} MB)`],
      ['system sftp get → /dev/null', s(m.sftpGet.seconds)],
      ['curl GET from s3rver → /dev/null', s(m.curl.seconds)],
      [
        'fetch + stage over SFTP',
        `${s(m.sftp.seconds)} (${(mb / m.sftp.seconds).toFixed(0)} MB/s, peak RSS ${m.sftp.peakRssMb.toFixed(0)} MB)`,
      ],
      [
        'SFTP / (local staging + sftp get)',
        `${(m.sftp.seconds / (m.local.seconds + m.sftpGet.seconds)).toFixed(2)}× (target ≤ 1.3×)`,
      ],
      [
        'fetch + stage over S3',
        `${s(m.s3.seconds)} (${(mb / m.s3.seconds).toFixed(0)} MB/s, peak RSS ${m.s3.peakRssMb.toFixed(0)} MB)`,
      ],
      [
        'S3 / (local staging + curl)',
        `${(m.s3.seconds / (m.local.seconds + m.curl.seconds)).toFixed(2)}× (target ≤ 1.3×)`,
      ],
      [
        'all runs (s)',
        JSON.stringify(
          Object.fromEntries(
            Object.entries(measures).map(([k, l]) => [k, l.map((x) => +x.seconds.toFixed(2))]),
          ),
        ),
      ],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  } finally {
    await s3.stop();
    await sshd.stop();
  }
}

function stage(kind, target) {
  const output = execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--stage', kind, JSON.stringify(target)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(output.trim().split('\n').at(-1));
}

function timed(run) {
  const started = performance.now();
  run();
  return (performance.now() - started) / 1000;
}

/** Puts the file into s3rver with a streamed body (checksums only when required: SERVERS.md). */
async function upload(s3, key, size, credentials) {
  const { PutObjectCommand, S3Client } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: key,
        Body: createReadStream(BENCH_FILE),
        ContentLength: size,
      }),
    );
  } finally {
    client.destroy();
  }
  const stored = statSync(join(s3.dir, s3.bucket, `${key}._S3rver_object`)).size;
  if (stored !== size) throw new Error(`s3rver stored ${stored} bytes of ${size}`);
}
