import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startServe, type ServeProcess } from '../support/serve-process';
import { makeTempDir } from '../support/temp-dir';

/** Where end-to-end screenshots are kept for people to look at. */
export const SCREENSHOT_DIR = join(process.cwd(), 'test', 'output', 'screenshots');

/** The Intake window seen by a user: the page objects' common root. */
export class IntakeApp {
  constructor(
    readonly page: Page,
    readonly serve: ServeProcess,
    readonly workspaceDir: string,
  ) {}

  /** Opens the app and waits for the ready marker (never a fixed sleep). */
  async open(): Promise<void> {
    await this.page.goto(this.serve.url);
    await expect(this.page.locator('html[data-app-state="ready"]')).toBeAttached();
  }

  nav(label: string) {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: label });
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const path = join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}

/** Drops files onto the window with a real DataTransfer, as a user's drag from the desktop does. */
export async function dropFiles(page: Page, files: { name: string; bytes: Buffer }[]): Promise<void> {
  const payload = files.map((file) => ({ name: file.name, bytes: [...file.bytes] }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const transfer = new DataTransfer();
    for (const item of items) transfer.items.add(new File([new Uint8Array(item.bytes)], item.name));
    return transfer;
  }, payload);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
}

/** Each test gets its own `intake serve` over a fresh workspace folder. */
export const test = base.extend<{ app: IntakeApp }>({
  app: async ({ page }, use) => {
    const temp = makeTempDir('intake-e2e-');
    const serve = await startServe(temp.dir);
    await use(new IntakeApp(page, serve, temp.dir));
    await serve.stop();
    temp.remove();
  },
});

export { expect };
