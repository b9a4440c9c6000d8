import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering of DESIGN.md §6 is enforced by eslint/layering-rule.js through the project's own
// eslint.config.js: these lint made-up files placed in real folders and expect the rule to speak.

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

/** The layering messages ESLint reports for `code` as if it were the file at `path`. */
async function layeringErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.filter((message) => message.ruleId === 'intake/layering').map((m) => m.message);
}

describe('the layering rule', () => {
  it('refuses a service importing one above it', async () => {
    const errors = await layeringErrors(
      'src-main/services/stage/upward-example.ts',
      "import { RunService } from '../runs/run-service';\nexport const x = RunService;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/^services\/stage may not import services\/runs/)]);
  });

  it('refuses peers importing each other', async () => {
    const errors = await layeringErrors(
      'src-main/services/destinations/peer-example.ts',
      "import { mappedBatches } from '../mapping/mapped-batches';\nexport const x = mappedBatches;\n",
    );
    expect(errors).toEqual([
      expect.stringMatching(/^services\/destinations and services\/mapping are peers/),
    ]);
  });

  it('refuses a service importing the worker pool, the host or the CLI', async () => {
    const errors = await layeringErrors(
      'src-main/services/runs/shell-example.ts',
      "import { createIngestPool } from '../../workers/ingest-pool';\nexport const x = createIngestPool;\n",
    );
    expect(errors).toEqual([expect.stringMatching(/may not import src-main\/workers/)]);
  });

  it('refuses a migration importing live code, and allows its own folder and the Migration type', async () => {
    const live = await layeringErrors(
      'src-main/services/workspace/migrations/099-example.ts',
      "import { canonicalJson } from '../../destinations/workspace/stored-value';\nexport const x = canonicalJson;\n",
    );
    expect(live).toEqual([expect.stringMatching(/^A migration imports nothing live/)]);
    const frozen = await layeringErrors(
      'src-main/services/workspace/migrations/099-example.ts',
      "import type { Migration } from '../migration';\nimport { canonicalJsonV7 } from './frozen/event-keys-v7';\nexport const x: Migration | typeof canonicalJsonV7 = canonicalJsonV7;\n",
    );
    expect(frozen).toEqual([]);
  });

  it('allows a service importing the ones below it', async () => {
    const errors = await layeringErrors(
      'src-main/services/runs/downward-example.ts',
      [
        "import { StagingService } from '../stage/staging-service';",
        "import { registerFile } from '../sources/register-file';",
        "import { toAppError } from '../errors/to-app-error';",
        'export const x = [StagingService, registerFile, toAppError];',
        '',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
  });
});
