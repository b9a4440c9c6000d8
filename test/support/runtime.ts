import { createRuntime, type Runtime } from '../../src-main/host/runtime';
import { makeTempDir } from './temp-dir';

/** A runtime over a fresh workspace; warnings are collected instead of printed. */
export function makeTestRuntime(
  shell: 'web' | 'electron' = 'web',
): Runtime & { echoed: string[]; dispose(): Promise<void> } {
  const temp = makeTempDir();
  const echoed: string[] = [];
  const runtime = createRuntime({ workspaceDir: temp.dir, shell, echo: (line) => echoed.push(line) });
  return {
    ...runtime,
    echoed,
    async dispose() {
      await runtime.close();
      temp.remove();
    },
  };
}
