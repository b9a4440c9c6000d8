import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { shellAutomation } from '../../host/automation-timing';
import { createRuntime } from '../../host/runtime';
import { runFailureCommand } from '../failure-command';
import { startWebHost } from '../../host/web/web-host';
import { resolveWorkspaceDir } from '../../services/workspace/workspace-path';
import { CliError } from '../cli-error';
import { openAppWindow } from '../open-browser';
import { builtRendererDir } from '../renderer-dir';

/**
 * `intake serve`: the web host, until SIGINT/SIGTERM; it also runs schedules and new-file
 * triggers (unless --no-schedules) and reports their failed runs on stderr and to --on-failure.
 */
export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      open: { type: 'boolean', default: false },
      workspace: { type: 'string' },
      'no-schedules': { type: 'boolean', default: false },
      'on-failure': { type: 'string' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, got "${values.port}".`);
  }
  const workspaceDir = resolveWorkspaceDir(values.workspace);
  const runtime = createRuntime({
    workspaceDir,
    shell: 'web',
    automation: shellAutomation(!values['no-schedules']),
  });
  const onFailure = values['on-failure'];
  runtime.bus.on('automation:runFailed', (failure) => {
    const kind = { user: 'requested', schedule: 'scheduled', trigger: 'triggered', 'catch-up': 'caught-up' }[
      failure.startedBy
    ];
    process.stderr.write(
      `intake serve: a ${kind} run of "${failure.importName}" failed: ${failure.message}\n`,
    );
    if (onFailure) runFailureCommand(onFailure, failure, runtime.log);
  });
  const host = await startWebHost({
    handlers: runtime.handlers,
    workspace: runtime.workspace,
    log: runtime.log,
    bus: runtime.bus,
    rendererDir: builtRendererDir(),
    port,
  });
  process.stdout.write(`Intake is serving workspace ${workspaceDir}\nOpen: ${host.url}\n`);
  if (values['no-schedules']) process.stdout.write('Schedules and triggers are off (--no-schedules).\n');
  if (values.open) {
    const browser = openAppWindow(host.url, join(workspaceDir, 'browser-profile'));
    process.stdout.write(
      browser
        ? `Opened in ${browser}\n`
        : 'No Chromium or Chrome found: open the URL above in your browser.\n',
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // Shutting down must never hang a terminal or a test run: give it 10 s, then leave.
  setTimeout(() => {
    process.stderr.write('intake serve: shutdown took over 10 s; exiting.\n');
    process.exit(1);
  }, 10_000).unref();
  await host.close();
  await runtime.close();
}
