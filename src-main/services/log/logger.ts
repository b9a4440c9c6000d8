import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactSecrets, redactValue } from '../errors/redact';

/** Structured log lines; secrets are redacted from messages and fields, but never pass them on purpose. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The workspace's log file, relative to the workspace folder. */
export const LOG_FILE = join('logs', 'intake.log');

/**
 * A logger that appends JSON lines to the workspace's log file and echoes warnings and errors to
 * stderr, so both shells leave the same trail (e.g. every refused unauthenticated request). Every
 * line is redacted (DESIGN §7). Logging never throws: a full disk or a deleted folder must not
 * turn the error being logged into a crash; the line is then only echoed.
 */
export function createFileLogger(
  workspaceDir: string,
  echo: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const path = join(workspaceDir, LOG_FILE);
  try {
    mkdirSync(join(workspaceDir, 'logs'), { recursive: true });
  } catch {
    // Reported by the first write that cannot append (it echoes instead).
  }
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const safeFields = fields ? (redactValue(fields) as Record<string, unknown>) : {};
    const line =
      JSON.stringify({
        time: new Date().toISOString(),
        level,
        message: redactSecrets(message),
        ...safeFields,
      }) + '\n';
    let written = true;
    try {
      appendFileSync(path, line);
    } catch {
      written = false;
    }
    try {
      if (level !== 'info' || !written) echo(line);
    } catch {
      // Nowhere left to say it; the caller's own error handling goes on.
    }
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
