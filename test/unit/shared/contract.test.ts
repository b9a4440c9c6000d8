import { describe, expect, it } from 'vitest';
import { PRELOAD_ONLY_REQUESTS, rendererRequestNames, requestNames } from '../../../src-shared/contract';

describe('contract', () => {
  it('never exposes a path-taking request to page script', () => {
    expect(rendererRequestNames).not.toContain('sources:addPath');
    expect([...rendererRequestNames, ...PRELOAD_ONLY_REQUESTS].sort()).toEqual([...requestNames].sort());
  });

  it('names every request domain:verb', () => {
    for (const name of requestNames) expect(name).toMatch(/^[a-z]+:[a-z][A-Za-z]+$/);
  });
});
