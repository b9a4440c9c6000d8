import { expect, test } from './fixtures';

test('opens on the Imports page with its empty state', async ({ app, page }) => {
  await app.open();
  await expect(page.getByRole('heading', { name: 'Imports', level: 1 })).toBeVisible();
  await expect(page.getByTestId('empty-state')).toContainText(
    'Drop a file anywhere or press Ctrl+V to start an import',
  );
  await expect(app.nav('Imports')).toHaveAttribute('aria-current', 'page');
  await app.screenshot('01-empty-imports');
});

test('shows the window-wide drop overlay while files are dragged over it', async ({ app, page }) => {
  await app.open();
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['a,b\n1,2\n'], 'data.csv', { type: 'text/csv' }));
    return transfer;
  });
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await app.screenshot('02-drop-overlay');
  await page.dispatchEvent('main', 'dragleave', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
});

test('navigates the sidebar and saves a setting into the workspace', async ({ app, page }) => {
  await app.open();
  await app.nav('Workspace').click();
  await expect(page.getByTestId('workspace-path')).toHaveText(app.workspaceDir);
  await page.getByLabel('Appearance').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.screenshot('03-workspace-dark');
  await page.reload();
  await expect(page.locator('html[data-app-state="ready"]')).toBeAttached();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await app.nav('Connections').click();
  await expect(page.getByRole('heading', { name: 'Connections', level: 1 })).toBeVisible();
});
