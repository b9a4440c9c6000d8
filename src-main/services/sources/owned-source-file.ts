import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** A new file path under the workspace's sources/ folder, for bytes Intake receives (pastes, uploads). */
export function ownedSourcePath(workspaceDir: string, extension: string): string {
  const dir = join(workspaceDir, 'sources');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${randomUUID()}${extension}`);
}
