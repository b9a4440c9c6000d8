import { MessageChannel } from 'node:worker_threads';
import { transferableSymbol, valueSymbol } from 'piscina';
import { describe, expect, it } from 'vitest';
import { defineTask } from '../../../src-main/workers/define-task';

/** Runs a task function as the pool would, returning what the worker hands the pool to post. */
async function reply(
  task: ReturnType<typeof defineTask<number, Uint32Array[]>>,
): Promise<Record<symbol, unknown>> {
  const { port1 } = new MessageChannel();
  return (await task({ payload: 4, port: port1 })) as unknown as Record<symbol, unknown>;
}

describe('defineTask', () => {
  it("moves the buffers the outcome's arrays own instead of copying them", async () => {
    const shared = new Uint32Array(16);
    const owned = [new Uint32Array(4), new Uint32Array(8)];
    const view = new Uint32Array(shared.buffer, 16, 4); // a window on a larger array: never moved
    const task = defineTask(
      'Test',
      (size: number) => [...owned, view, new Uint32Array(size)],
      (arrays) => arrays,
    );
    const posted = await reply(task);
    const buffers = posted[transferableSymbol] as ArrayBuffer[];
    expect(buffers).toHaveLength(3);
    expect(buffers).toContain(owned[0]!.buffer);
    expect(buffers).toContain(owned[1]!.buffer);
    expect(buffers).not.toContain(shared.buffer);
    const result = posted[valueSymbol] as { ok: true; data: Uint32Array[] };
    expect(result.ok).toBe(true);
    expect(result.data[3]).toEqual(new Uint32Array(4));
  });

  it('posts a plain result when nothing is to be moved, and errors as results', async () => {
    const plain = await reply(defineTask('Test', (size: number) => [new Uint32Array(size)]));
    expect(plain[transferableSymbol]).toBeUndefined();
    expect(plain).toEqual({ ok: true, data: [new Uint32Array(4)] });
    const failing = defineTask<number, Uint32Array[]>(
      'Test',
      () => {
        throw new Error('boom');
      },
      (arrays) => arrays,
    );
    const failed = (await reply(failing)) as unknown as { ok: boolean };
    expect(failed.ok).toBe(false);
  });
});
