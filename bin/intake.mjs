#!/usr/bin/env node
// The `intake` command: runs the built CLI bundle (out/main/cli.js), the same services as the app.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('intake: the CLI is not built yet. Run `npm run build` in the Intake folder first.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
