import { dispatch } from '../../src-main/host/dispatch';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../src-main/host/runtime';
import { assertSoundWorkspace } from './sound-workspace';
import { makeTempDir } from './temp-dir';

/** What a test may set on its runtime besides the workspace (shorter timeouts, a keychain, a clock). */
export type TestRuntimeOptions = Pick<RuntimeOptions, 'networkTimeouts' | 'secrets' | 'automation'>;

/**
 * A runtime over a fresh workspace; warnings are collected instead of printed. dispose() fails
 * unless the closed workspace passes integrity_check and foreign_key_check (assertSoundWorkspace).
 */
export function makeTestRuntime(
  shell: 'web' | 'electron' = 'web',
  options: TestRuntimeOptions = {},
): Runtime & { echoed: string[]; dispose(): Promise<void> } {
  const temp = makeTempDir();
  const echoed: string[] = [];
  const runtime = createRuntime({
    ...options,
    workspaceDir: temp.dir,
    shell,
    echo: (line) => echoed.push(line),
  });
  return {
    ...runtime,
    echoed,
    async dispose() {
      await runtime.close();
      try {
        assertSoundWorkspace(temp.dir);
      } finally {
        temp.remove();
      }
    },
  };
}

/**
 * Calls a request the way the renderer does, through the runtime's handler table: its data, or an
 * Error carrying the answer's message and `code`.
 */
export function requestsOf(runtime: Pick<Runtime, 'handlers'>) {
  return async function call<T>(name: string, payload: unknown): Promise<T> {
    const result = (await dispatch(runtime.handlers, name as never, payload as never)) as
      { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.data;
  };
}
