import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Dates and numbers in the renderer are formatted in the user's locale by one module
// (src-renderer/components/format.ts); eslint.config.js refuses the ways around it elsewhere.

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });

async function formattingErrors(path: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-syntax').length;
}

describe('the renderer formatting rule', () => {
  it('refuses toLocaleString, toFixed and new Intl formatters outside the format module', async () => {
    const code = [
      'export const a = (12345).toLocaleString();',
      "export const b = new Date().toLocaleDateString('en-US');",
      'export const c = (2.5).toFixed(1);',
      'export const d = new Intl.DateTimeFormat().format(0);',
      "export const e = new Intl.NumberFormat('en').format(1);",
      // Not formatting: which zone the computer is in.
      'export const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;',
      '',
    ].join('\n');
    expect(await formattingErrors('src-renderer/features/runs/example.tsx', code)).toBe(5);
    expect(await formattingErrors('src-renderer/components/format.ts', code)).toBe(0);
    // Main writes its messages in English on purpose.
    expect(await formattingErrors('src-main/services/runs/example.ts', code)).toBe(0);
  });
});
