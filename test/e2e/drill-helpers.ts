import { expect, type Page } from '@playwright/test';

/** Waits until a district's or sector's page has every view's data, the map its points, and no query under way. */
export async function drillSettled(page: Page, kind: 'district' | 'sector', key: string): Promise<void> {
  const drill = page.getByTestId('drill-page');
  await expect(drill).toBeVisible({ timeout: 60_000 });
  await expect(drill).toHaveAttribute('data-kind', kind);
  await expect(drill).toHaveAttribute('data-key', key);
  await expect(page.getByTestId('loading')).toHaveCount(0, { timeout: 60_000 });
  await expect(drill).toHaveAttribute('data-points-from', 'core', { timeout: 60_000 });
  await expect(drill).not.toHaveAttribute('data-rendered-points', '0', { timeout: 60_000 });
  await expect(drill.locator('[data-drill-view][data-loaded="false"]')).toHaveCount(0, { timeout: 60_000 });
  await expect(drill).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}
