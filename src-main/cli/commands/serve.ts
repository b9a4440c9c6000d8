import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime } from '../../host/runtime';
import { startWebHost } from '../../host/web/web-host';
import { resolveWorkspaceDir } from '../../services/workspace/workspace-path';
import { CliError } from '../cli-error';
import { openAppWindow } from '../open-browser';
import { builtRendererDir } from '../renderer-dir';

/** `intake serve`: the web host, until SIGINT/SIGTERM. */
export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      open: { type: 'boolean', default: false },
      workspace: { type: 'string' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be a whole number from 0 to 65535, got "${values.port}".`);
  }
  const workspaceDir = resolveWorkspaceDir(values.workspace);
  const runtime = createRuntime({ workspaceDir, shell: 'web' });
  const host = await startWebHost({
    handlers: runtime.handlers,
    workspace: runtime.workspace,
    log: runtime.log,
    bus: runtime.bus,
    rendererDir: builtRendererDir(),
    port,
  });
  process.stdout.write(`Intake is serving workspace ${workspaceDir}\nOpen: ${host.url}\n`);
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
