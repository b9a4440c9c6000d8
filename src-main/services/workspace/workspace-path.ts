import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the workspace lives when nothing overrides it. It matches Electron's userData folder for
 * productName "Intake", so the desktop app, `intake serve` and the CLI share one workspace.
 */
export function defaultWorkspaceDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Intake');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Intake');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Intake');
}

/** The workspace folder: an explicit `--workspace DIR` wins, then INTAKE_HOME, then the default. */
export function resolveWorkspaceDir(
  explicit: string | undefined,
  fallback: () => string = defaultWorkspaceDir,
): string {
  if (explicit) return explicit;
  const fromEnv = process.env.INTAKE_HOME;
  if (fromEnv) return fromEnv;
  return fallback();
}
