import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_BIN, startServe, type ServeProcess } from '../../support/serve-process';
import type { ApiBody } from '../../support/api-body';
import { makeTempDir } from '../../support/temp-dir';

// Drives the built `intake` command as a user would (npm test builds before running vitest).

describe('intake CLI', () => {
  it('prints its version and help', () => {
    const version = spawnSync(process.execPath, [INTAKE_BIN, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = spawnSync(process.execPath, [INTAKE_BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('serve');
  });

  it('exits 2 naming an unknown command or a bad option', () => {
    const unknown = spawnSync(process.execPath, [INTAKE_BIN, 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('"frobnicate"');
    const badPort = spawnSync(process.execPath, [INTAKE_BIN, 'serve', '--port', '70000'], {
      encoding: 'utf8',
    });
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port');
  });

  describe('serve', () => {
    const temp = makeTempDir();
    let serve: ServeProcess;
    beforeAll(async () => {
      serve = await startServe(temp.dir);
    });
    afterAll(async () => {
      await serve.stop();
      temp.remove();
    });

    it('prints a URL that works with the token and is refused without it', async () => {
      const page = await fetch(serve.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect((await fetch(`${serve.origin}/`)).status).toBe(401);
    });

    it('serves the workspace it was given', async () => {
      const response = await fetch(`${serve.origin}/api/app:info`, {
        method: 'POST',
        // JSON requests say so (the web host refuses other bodies: hardening #3).
        headers: { authorization: `Bearer ${serve.token}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const body = (await response.json()) as ApiBody;
      expect(body.data.workspacePath).toBe(temp.dir);
      expect(body.data.shell).toBe('web');
    });
  });
});
