import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../../src-shared/content-security-policy';

// Asserts the security settings of the *built* Electron main bundle (npm test builds first).
const built = fileURLToPath(new URL('../../../out/main/window-options.js', import.meta.url));
const mainBundle = fileURLToPath(new URL('../../../out/main/index.js', import.meta.url));

describe('Electron window options (built bundle)', () => {
  it('is built', () => {
    expect(existsSync(built), 'run npm run build before the tests').toBe(true);
  });

  it('locks the renderer down', async () => {
    const { createMainWindowOptions } = await import(pathToFileURL(built).href);
    const options = createMainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('is the configuration the main bundle actually uses, with window.open denied', () => {
    const source = readFileSync(mainBundle, 'utf8');
    expect(source).toMatch(/from "\.\/window-options\.js"/);
    expect(source).toMatch(/new BrowserWindow\(createMainWindowOptions\(/);
    expect(source).toMatch(/setWindowOpenHandler\([\s\S]{0,200}action: "deny"/);
    expect(source).toContain('Content-Security-Policy');
  });

  it("carries the shared policy in the built page's <meta> CSP (what a file:// page obeys)", () => {
    const page = readFileSync(
      fileURLToPath(new URL('../../../out/renderer/index.html', import.meta.url)),
      'utf8',
    );
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(page)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    expect(meta).toContain("script-src 'self'");
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
  });

  it('ships a CommonJS preload, as sandboxed preloads require', () => {
    const preload = readFileSync(
      fileURLToPath(new URL('../../../out/preload/index.cjs', import.meta.url)),
      'utf8',
    );
    expect(preload).toContain('exposeInMainWorld("intake"');
    // Dropped files reach main through the preload's own function, never as a path from page script.
    expect(preload).toContain('exposeInMainWorld("intakeFiles"');
    expect(preload).toMatch(
      /invoke\("sources:addPath", \{ path: electron\.webUtils\.getPathForFile|getPathForFile/,
    );
    expect(preload).not.toMatch(/^import /m);
  });
});
