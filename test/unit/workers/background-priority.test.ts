import { readFileSync } from 'node:fs';
import { platform } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** The calling thread's nice value, from /proc (field 19 of its stat, after the command's parentheses). */
function threadNice(): number {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

const MODULE = fileURLToPath(new URL('../../../src-main/workers/background-priority.ts', import.meta.url));

describe.runIf(platform() === 'linux')('runBelowMainThread', () => {
  it('lowers the worker thread that calls it, and not the main thread', async () => {
    const mainBefore = threadNice();
    const worker = new Worker(
      `const { parentPort } = require('node:worker_threads');
       const { readFileSync } = require('node:fs');
       const nice = () => { const s = readFileSync('/proc/thread-self/stat', 'utf8'); return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16]); };
       require('tsx/cjs/api').register();
       const before = nice();
       require(${JSON.stringify(MODULE)}).runBelowMainThread();
       parentPort.postMessage({ before, after: nice() });`,
      { eval: true },
    );
    const { before, after } = await new Promise<{ before: number; after: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(before).toBe(mainBefore);
    expect(after).toBe(Math.min(19, before + 10));
    expect(threadNice()).toBe(mainBefore);
  });
});
