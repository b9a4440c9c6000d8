import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a worker entry point is, and how Node must start to load it. */
export interface WorkerFile {
  filename: string;
  execArgv: string[];
}

/**
 * Finds a worker entry point: its .dev.mjs bootstrap in src-main/workers/ when running from
 * TypeScript (tests), or in out/main/workers/ of the build. Inside a packaged app the workers are
 * unpacked from the asar archive, since worker threads load plain files.
 */
export function resolveWorkerFile(name: string): WorkerFile {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    return { filename: join(dirname(here), '..', '..', 'workers', `${name}.dev.mjs`), execArgv: [] };
  }
  const candidates = [
    join(dirname(here), 'workers', `${name}.js`),
    join(dirname(here), '..', 'workers', `${name}.js`),
  ];
  const found = candidates.find((candidate) =>
    existsSync(candidate.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`)),
  );
  if (!found)
    throw new Error(`Worker ${name} is not built (looked in ${candidates.join(', ')}). Run npm run build.`);
  return { filename: found.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`), execArgv: [] };
}
