import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The built renderer folder, found upwards from this module: from the bundle it is out/renderer
 * (this code sits in out/main/ or out/main/chunks/, as the bundler splits it); from source (tests
 * run the TypeScript directly) it is the repository's out/renderer.
 */
export function builtRendererDir(): string {
  const candidates = ['..', '../..', '../../..'].flatMap((up) => [
    new URL(`${up}/renderer`, import.meta.url),
    new URL(`${up}/out/renderer`, import.meta.url),
  ]);
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(`${path}/index.html`)) return path;
  }
  return fileURLToPath(candidates[0]!);
}
