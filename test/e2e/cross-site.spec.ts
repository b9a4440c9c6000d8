import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

// Hardening #3, from a real browser: a page served on another port of 127.0.0.1 is same-site
// with Intake's web host, so Chromium sends it Intake's cookie. Its no-cors fetches and form posts
// used to change settings and add ID types; the host now refuses them by their Origin.

/** A page on another local port that tries to change Intake's settings behind the user's back. */
function attackerPage(target: string): string {
  return `<!doctype html><title>loading</title>
<form id="form" method="POST" action="${target}/api/settings:set" enctype="text/plain" target="sink">
  <input name='{"theme":"dark","x":"' value='"}'>
</form>
<iframe name="sink"></iframe>
<script>
  Promise.allSettled([
    fetch('${target}/api/settings:set', { method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'content-type': 'text/plain' }, body: '{"theme":"dark"}' }),
    fetch('${target}/api/ids:addType', { method: 'POST', mode: 'no-cors', credentials: 'include',
      body: '{"name":"evil","kind":"soft"}' }),
    fetch('${target}/api/sources:addPaste', { method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'content-type': 'text/plain' }, body: '{"text":"a,b\\\\n1,2"}' }),
  ]).then(() => {
    document.getElementById('form').submit();
    document.querySelector('iframe').onload = () => (document.title = 'done');
  });
</script>`;
}

test('a page on another local port cannot change anything through the web host', async ({ app, page }) => {
  await app.open(); // the browser now holds Intake's cookie
  const attacker: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end(attackerPage(app.serve.origin));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  try {
    const port = (attacker.address() as AddressInfo).port;
    const other = await page.context().newPage();
    await other.goto(`http://127.0.0.1:${port}/`);
    await expect(other).toHaveTitle('done');

    const api = async (name: string, body: unknown) =>
      (await (
        await fetch(`${app.serve.origin}/api/${name}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${app.serve.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json()) as { ok: boolean; data: unknown };
    expect(await api('settings:get', {})).toMatchObject({ ok: true, data: { theme: 'system' } });
    const idTypes = (await api('ids:listTypes', {})).data as { name: string }[];
    expect(idTypes.map((type) => type.name)).not.toContain('evil');
    const log = readFileSync(join(app.workspaceDir, 'logs', 'intake.log'), 'utf8');
    expect(log.match(/refused a request from another origin/g)?.length).toBeGreaterThanOrEqual(4);

    // Intake's own page still works: the setting changes from the Workspace page.
    await app.nav('Workspace').click();
    await expect(page.getByRole('heading', { name: 'Workspace' })).toBeVisible();
  } finally {
    await new Promise((resolve) => attacker.close(resolve));
  }
});
