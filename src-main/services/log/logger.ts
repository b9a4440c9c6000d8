import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Structured log lines; never pass secrets in `fields`. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The workspace's log file, relative to the workspace folder. */
export const LOG_FILE = join('logs', 'intake.log');

/**
 * A logger that appends JSON lines to the workspace's log file and echoes warnings and errors to
 * stderr, so both shells leave the same trail (e.g. every refused unauthenticated request).
 */
export function createFileLogger(
  workspaceDir: string,
  echo: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const path = join(workspaceDir, LOG_FILE);
  mkdirSync(join(workspaceDir, 'logs'), { recursive: true });
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }) + '\n';
    appendFileSync(path, line);
    if (level !== 'info') echo(line);
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
