/** The command map on a phone: its toolbar one row that scrolls sideways. */
import { expect, openMap, test } from './helpers.ts';

for (const locale of ['zh-CN', 'en'] as const) {
  test(`on a phone the toolbar is one row that scrolls sideways, the page's own buttons in it too (${locale})`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    if (locale === 'en') await page.addInitScript(() => localStorage.setItem('command-map.locale', 'en'));
    await openMap(page, './?test&district=450203');
    const toolbar = page.getByTestId('map-toolbar');
    // Each item on one line: the share button, squeezed, had its label a character a line (the toolbar 119 px tall).
    const items = await toolbar.evaluate((t) =>
      [...t.children].map((c) => ({
        text: (c as HTMLElement).innerText.split('\n')[0],
        top: c.getBoundingClientRect().top,
        height: c.getBoundingClientRect().height
      }))
    );
    const share = await page.getByTestId('share-open').boundingBox();
    expect(share).not.toBeNull();
    const row = items.find((i) => i.text.length > 0)!;
    // (A closed dialog is in the toolbar too, drawn nowhere.)
    for (const item of items.filter((i) => i.height > 0)) {
      expect(item.height, item.text).toBeLessThan(40);
      expect(Math.abs(item.top + item.height / 2 - (row.top + row.height / 2)), item.text).toBeLessThan(4);
    }
    expect((await toolbar.boundingBox())!.height).toBeLessThan(60);
    expect(await toolbar.evaluate((t) => t.scrollWidth > t.clientWidth)).toBe(true);
    // The filter count in the brackets of the language (English had "Filters（1）", the bracket then drawn narrow).
    await expect(page.getByTestId('open-filters')).toHaveText(locale === 'en' ? 'Filters (1)' : '筛选（1）');
    await page.screenshot({ path: `test-results/screens/map-phone-${locale}.png` });
  });
}
