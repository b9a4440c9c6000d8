import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src-main/host/dispatch';
import { IntakeError } from '../../../src-shared/errors';
import { makeTestRuntime } from '../../support/runtime';

describe('dispatch', () => {
  let runtime: ReturnType<typeof makeTestRuntime>;
  beforeEach(() => {
    runtime = makeTestRuntime();
  });
  afterEach(() => runtime.dispose());

  it('answers a known request with the handler result', async () => {
    const result = await dispatch(runtime.handlers, 'settings:get', {});
    expect(result).toEqual({ ok: true, data: { theme: 'system', previewRows: 100, defaultTimeZone: 'UTC' } });
  });

  it('refuses an unknown request by name', async () => {
    const result = await dispatch(runtime.handlers, 'files:delete', {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('UNKNOWN_REQUEST');
    expect(result.error.message).toContain('files:delete');
  });

  it('returns VALIDATION naming the invalid field', async () => {
    const result = await dispatch(runtime.handlers, 'settings:set', { previewRows: 0 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toMatch(/previewRows/);
    expect(result.error.details?.issues).toEqual([expect.objectContaining({ field: 'previewRows' })]);
  });

  it('names unknown keys, so a typo in a setting is not silently dropped', async () => {
    const result = await dispatch(runtime.handlers, 'settings:set', { previewRow: 10 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toContain('previewRow');
  });

  it('keeps the code of an expected failure and hides nothing else as INTERNAL', async () => {
    const handlers = {
      ...runtime.handlers,
      'settings:get': () => {
        throw new IntakeError('LIMIT', 'File is over 1 GB.', { limit: 1 });
      },
      'app:info': () => {
        throw new TypeError('boom');
      },
    };
    const limited = await dispatch(handlers, 'settings:get', {});
    expect(limited).toEqual({
      ok: false,
      error: { code: 'LIMIT', message: 'File is over 1 GB.', details: { limit: 1 } },
    });
    const internal = await dispatch(handlers, 'app:info', {});
    expect(internal).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('pushes settings:changed to subscribers when settings change', async () => {
    const seen: unknown[] = [];
    runtime.bus.subscribe((event) => seen.push(event));
    await dispatch(runtime.handlers, 'settings:set', { theme: 'dark' });
    expect(seen).toEqual([{ name: 'settings:changed', payload: expect.objectContaining({ theme: 'dark' }) }]);
  });
});
