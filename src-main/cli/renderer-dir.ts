import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The built renderer folder. From the bundle (out/main/cli.js) it is out/renderer beside it;
 * from source (tests run the TypeScript directly) it is the repository's out/renderer.
 */
export function builtRendererDir(): string {
  const candidates = [
    new URL('../renderer', import.meta.url),
    new URL('../../out/renderer', import.meta.url),
  ];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(`${path}/index.html`)) return path;
  }
  return fileURLToPath(candidates[0]!);
}
