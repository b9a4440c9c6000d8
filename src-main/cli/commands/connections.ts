import { parseArgs } from 'node:util';
import type { ConnectionSummary, ConnectionTest } from '../../../src-shared/model/connection';
import { ConnectionSettingsSchema } from '../../../src-shared/schemas/connections';
import { describeValidationIssues } from '../../services/errors/validation-message';
import { IntakeError } from '../../../src-shared/errors';
import { connectionNamed } from '../../services/sources/connections/connection-repository';
import { CliError } from '../cli-error';
import { connectionRequests, openCliEngine } from '../cli-engine';
import { readSecret } from '../read-secret';
import { connectionTarget } from '../../../src-shared/model/connection-target';

const OPTIONS = {
  kind: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  user: { type: 'string' },
  database: { type: 'string' },
  path: { type: 'string' },
  url: { type: 'string' },
  bucket: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  container: { type: 'string' },
  account: { type: 'string' },
  auth: { type: 'string' },
  'key-file': { type: 'string' },
  project: { type: 'string' },
  concurrency: { type: 'string' },
  'requests-per-second': { type: 'string' },
  'secret-stdin': { type: 'boolean', default: false },
  'trust-host-key': { type: 'boolean', default: false },
  workspace: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

const USAGE = `Usage: intake connections add <name> --kind url|postgres|mysql|sqlite|sftp|s3|azure|gcs|bloomreach|segment [settings] [--secret-stdin] [--trust-host-key]
       intake connections list|test|remove <name> [--json] [--workspace DIR]`;

/**
 * `intake connections add|list|test|remove`: the Connections page for scripts. A secret is read
 * from standard input (--secret-stdin), never from an argument, where it would stay in the shell's
 * history and in the process list. `add` saves the connection and tests it: exit 1 when the test
 * fails (the connection stays saved, to fix or remove).
 */
export async function connectionsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [sub, name, ...extra] = positionals;
  if (extra.length > 0 || sub === undefined) throw new CliError(USAGE);
  if (sub !== 'list' && name === undefined) throw new CliError(USAGE);
  // The secret and the settings are read before the workspace opens: a usage error changes nothing.
  const settings = sub === 'add' ? settingsFrom(values) : null;
  const secret =
    sub === 'add' && values['secret-stdin'] ? await readSecret(`Secret for "${name}": `) : undefined;
  const engine = openCliEngine(values.workspace);
  try {
    const requests = connectionRequests(engine);
    const named = (text: string) => connectionNamed(engine.workspace.db, text);
    switch (sub) {
      case 'list': {
        const all = await requests['connections:list']({});
        if (values.json) print(all);
        else process.stdout.write(all.length ? all.map(line).join('\n') + '\n' : 'No connections yet.\n');
        return 0;
      }
      case 'add': {
        const created = await requests['connections:create']({
          name: name!,
          settings: settings!,
          ...(secret !== undefined ? { secret } : {}),
        });
        if (!isSourceKind(created)) {
          report(
            values.json,
            created,
            `Saved "${created.name}" (a ${created.kind} destination: tested when it pushes).`,
          );
          return 0;
        }
        return report(values.json, await tested(requests, created.id, values['trust-host-key']));
      }
      case 'test':
        return report(values.json, await tested(requests, named(name!).id, values['trust-host-key']));
      case 'remove': {
        await requests['connections:delete']({ id: named(name!).id });
        if (values.json) print({ deleted: name });
        else process.stdout.write(`Removed "${name}" and its secret.\n`);
        return 0;
      }
      default:
        throw new CliError(USAGE);
    }
  } finally {
    await engine.close();
  }
}

/**
 * Tests a connection; an SFTP server's unknown host key is pinned when --trust-host-key says so
 * (the fingerprint is printed either way, to check against the server's own).
 */
async function tested(
  requests: ReturnType<typeof connectionRequests>,
  id: string,
  trust: boolean,
): Promise<ConnectionSummary> {
  const summary = await requests['connections:test']({ id });
  const fingerprint = summary.lastTest?.hostKeySha256;
  if (summary.lastTest?.code === 'HOST_KEY' && fingerprint && trust) {
    process.stderr.write(`Trusting the host key ${fingerprint}.\n`);
    return requests['connections:trustHostKey']({ id, sha256: fingerprint });
  }
  return summary;
}

/** Prints a tested connection; the exit code says whether its test passed. */
function report(json: boolean, summary: ConnectionSummary, text?: string): number {
  const test = summary.lastTest;
  if (json) print(summary);
  else process.stdout.write(`${text ?? line(summary)}\n`);
  if (test && !test.ok) {
    if (test.code === 'HOST_KEY' && test.hostKeySha256) {
      process.stderr.write(
        `Check the fingerprint with the server's administrator, then: intake connections test "${summary.name}" --trust-host-key\n`,
      );
    }
    return 1;
  }
  return 0;
}

function line(connection: ConnectionSummary): string {
  const user =
    'user' in connection.settings && connection.settings.user ? ` as ${connection.settings.user}` : '';
  const last = connection.lastTest ? ` · ${testLine(connection.lastTest)}` : ' · not tested';
  return `${connection.name} (${connection.kind}) ${connectionTarget(connection.settings)}${user}${last}`;
}

function testLine(test: ConnectionTest | null): string {
  if (!test) return 'not tested';
  return test.ok ? `OK (${test.testedAt})` : `${test.code}: ${test.message} (${test.testedAt})`;
}

function isSourceKind(connection: ConnectionSummary): boolean {
  return connection.kind !== 'bloomreach' && connection.kind !== 'segment';
}

/** The settings the flags describe, checked against the kind's schema (unknown flags for it refused). */
function settingsFrom(values: Record<string, unknown>) {
  const kind = values.kind;
  if (typeof kind !== 'string')
    throw new CliError(
      'Say the kind: --kind url|postgres|mysql|sqlite|sftp|s3|azure|gcs|bloomreach|segment.',
    );
  const text = (flag: string) => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
  const flags: Record<string, string | undefined> = {
    host: text('host'),
    user: text('user'),
    database: text('database'),
    path: text('path'),
    url: text('url'),
    bucket: text('bucket'),
    region: text('region'),
    endpoint: text('endpoint'),
    container: text('container'),
    account: text('account'),
    auth: text('auth'),
    keyFile: text('key-file'),
    project: text('project'),
  };
  const raw: Record<string, unknown> = { kind };
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) raw[key] = value;
  for (const [flag, setting] of [
    ['port', 'port'],
    ['concurrency', 'concurrency'],
    ['requests-per-second', 'requestsPerSecond'],
  ] as const) {
    const number = text(flag);
    if (number === undefined) continue;
    if (!/^\d+$/.test(number)) throw new CliError(`--${flag} must be a whole number, got "${number}".`);
    raw[setting] = Number(number);
  }
  const known = settingNames(kind);
  if (known === null) {
    throw new CliError(`--kind "${kind}" is not a connection kind (one of: ${KINDS.join(', ')}).`);
  }
  const foreign = Object.keys(raw).filter((key) => key !== 'kind' && !known.includes(key));
  if (foreign.length > 0) {
    throw new CliError(
      `${foreign.map(flagOf).join(', ')} ${foreign.length === 1 ? 'is not a setting' : 'are not settings'} of a ${kind} connection (its settings: ${known.map(flagOf).join(', ')}).`,
    );
  }
  const parsed = ConnectionSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const { message, issues } = describeValidationIssues(`A ${kind} connection`, parsed.error.issues);
    throw new IntakeError('VALIDATION', message, { issues });
  }
  return parsed.data;
}

/** Every kind the schema knows, and each kind's settings (the flags that may go with it). */
const KINDS = ConnectionSettingsSchema.options.map((option) => option.shape.kind.value);
function settingNames(kind: string): string[] | null {
  const option = ConnectionSettingsSchema.options.find((candidate) => candidate.shape.kind.value === kind);
  return option ? Object.keys(option.shape).filter((key) => key !== 'kind' && key !== 'hostKeySha256') : null;
}

/** The CLI flag of a setting: keyFile is --key-file. */
function flagOf(setting: string): string {
  return `--${setting.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
