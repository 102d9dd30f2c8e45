/**
 * The monthly bulletin (通报) on the Liuzhou 2022 data: opened with its number and date edited (kept
 * in the URL), printed to PDF by Chromium on the GB/T 9704 page, and downloaded as Word. The PDF is
 * read back with poppler (page count and size, page numbers, the title, the data fingerprint, no
 * table row split across pages, headers repeated), the .docx unzipped, and every paragraph and
 * table row of the Word file found in the PDF with the same figures. Its pages and the screen at
 * three sizes are saved as pictures to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './helpers.ts';
import { docxContent, docxXml, figures, pdfInfo, pdfPages, pdfToPng, squeeze } from './pdf-helpers.ts';

const DS = 'liuzhou-2022';
const META = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as { as_of: string };
const MONTH = META.as_of.slice(0, 7);
/** What the bulletin of a month must print: SHA-256 of the month's facts file then meta.json, 12 hex digits. */
const fingerprintOf = (month: string) =>
  createHash('sha256')
    .update(readFileSync(`static/data/${DS}/facts/${month}.parquet`))
    .update(readFileSync(`static/data/${DS}/meta.json`))
    .digest('hex')
    .slice(0, 12);
const FINGERPRINT = fingerprintOf(MONTH);
const PAGE_NUMBER = /^\s*—\s*\d+\s*—\s*$/gm;

async function openBulletin(page: Page, target: string): Promise<void> {
  await page.goto(target);
  await expect(page.getByTestId('bulletin-page')).toBeVisible({ timeout: 60_000 });
  // Ready, or the message of the query that failed (in the failure's text).
  const failed = page.getByTestId('bulletin-failed');
  const state = async () =>
    (await failed.count()) ? await failed.textContent() : await page.getByTestId('bulletin').getAttribute('data-ready');
  await expect.poll(state, { timeout: 90_000 }).toBe('true');
  await expect(page.getByTestId('bulletin-page')).toHaveAttribute('data-busy', 'false', { timeout: 60_000 });
}

/** The page printed to PDF as Chromium prints it, and read back. */
async function printed(page: Page, file: string) {
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  const info = pdfInfo(file);
  const pages = pdfPages(file, info.pages);
  return { info, pages, text: pages.join('\n').replace(PAGE_NUMBER, '') };
}

type Place = { page: number; line: number };

/** Where `matches` first holds for a line at or after `from` (page and line), or null. */
function findLine(pages: string[], from: Place, matches: (line: string) => boolean): Place | null {
  for (let p = from.page; p < pages.length; p++) {
    const lines = pages[p].split('\n');
    for (let l = p === from.page ? from.line : 0; l < lines.length; l++) if (matches(squeeze(lines[l]))) return { page: p, line: l };
  }
  return null;
}

/** The page and line where a table row is printed after `from`: its name cell's start and its last cell on one line. */
function rowPlace(pages: string[], row: string[], from: Place): Place | null {
  const key = squeeze(row[1]).slice(0, 4);
  const last = squeeze(row.at(-1)!);
  return findLine(pages, from, (l) => l.includes(key) && l.endsWith(last));
}

/**
 * The Word file read back against the printed PDF: every paragraph printed word for word, every
 * figure of the Word file printed at least as often, every table row on one page with its table's
 * header on each page it reaches and its caption on the page of its first row.
 */
function sameInWord(pdf: { pages: string[]; text: string }, docxFile: string) {
  const all = squeeze(pdf.text);
  const word = docxContent(docxXml(docxFile));
  expect(word.paragraphs.length).toBeGreaterThan(10);
  for (const p of word.paragraphs) expect(all, p).toContain(squeeze(p));
  const count = (list: string[]) => list.reduce((m, f) => m.set(f, (m.get(f) ?? 0) + 1), new Map<string, number>());
  const inPdf = count(figures(pdf.text));
  for (const [figure, n] of count(figures(docxXml(docxFile).replace(/<[^>]+>/g, ' '))))
    expect(inPdf.get(figure) ?? 0, `figure ${figure}`).toBeGreaterThanOrEqual(n);
  for (const [t, table] of word.tables.entries()) {
    const [header, ...rows] = table;
    const caption = word.paragraphs.find((p) => p.startsWith(`表${t + 1} `))!;
    // A caption may wrap: its first 12 characters find it.
    const captionAt = findLine(pdf.pages, { page: 0, line: 0 }, (l) => l.includes(squeeze(caption).slice(0, 12)));
    expect(captionAt, `table ${t + 1}'s caption`).not.toBeNull();
    // Rows in order after the caption, each after the one before.
    const places: (Place | null)[] = [];
    let from = { page: captionAt!.page, line: captionAt!.line + 1 };
    for (const r of rows) {
      const place = rowPlace(pdf.pages, r, from);
      places.push(place);
      if (place) from = { page: place.page, line: place.line + 1 };
    }
    places.forEach((place, i) => expect(place, `table ${t + 1} row ${i + 1}: ${rows[i].join(' | ')}`).not.toBeNull());
    expect(captionAt!.page, `table ${t + 1}'s caption on the page of its first row`).toBe(places[0]!.page);
    const pagesOf = [...new Set(places.map((p) => p!.page))];
    for (const p of pagesOf) expect(squeeze(pdf.pages[p]), `table ${t + 1}'s header on page ${p + 1}`).toContain(squeeze(header[1]));
    expect(places.map((p) => p!.page)).toEqual([...places.map((p) => p!.page)].sort((a, b) => a - b));
  }
  return word;
}

test.describe('the monthly bulletin', () => {
  test('prints on A4 with page numbers and whole rows, and downloads as Word with the same figures', async ({
    page,
    foreignRequests
  }, info) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openBulletin(page, `bulletin/?ds=${DS}&test`);
    await expect(page.getByTestId('bulletin')).toHaveAttribute('data-fingerprint', FINGERPRINT);

    // The number and the date written before printing are in the document and in the URL.
    await page.getByTestId('bulletin-no').fill('柳重大办通〔2022〕99号');
    await page.getByTestId('bulletin-date').fill('2022-10-12');
    await expect(page.getByTestId('bulletin-number')).toHaveText('柳重大办通〔2022〕99号');
    await expect(page.getByTestId('bulletin-issued')).toHaveText('2022年10月12日');
    await expect.poll(() => new URL(page.url()).searchParams.get('no')).toBe('柳重大办通〔2022〕99号');
    await expect.poll(() => new URL(page.url()).searchParams.get('date')).toBe('2022-10-12');
    await page.reload();
    await openBulletin(page, page.url());
    await expect(page.getByTestId('bulletin-number')).toHaveText('柳重大办通〔2022〕99号');

    const pdfFile = info.outputPath('bulletin.pdf');
    const pdf = await printed(page, pdfFile);
    pdfToPng(pdfFile, info.outputPath('bulletin-page'));
    expect(pdf.info).toMatchObject({ width: expect.closeTo(595.3, 0), height: expect.closeTo(841.9, 0) });
    expect(pdf.info.pages).toBeGreaterThanOrEqual(3);
    expect(pdf.info.pages).toBeLessThanOrEqual(12);
    pdf.pages.forEach((text, i) => expect(text, `page ${i + 1}'s number`).toMatch(new RegExp(`^\\s*—\\s*${i + 1}\\s*—\\s*$`, 'm')));
    const all = squeeze(pdf.text);
    expect(all).toContain(squeeze(`关于2022年9月柳州市重大项目推进情况的通报`));
    expect(all).toContain(`数据指纹${FINGERPRINT}`);
    expect(all).toContain('柳重大办通〔2022〕99号');

    // The Word file of the same bulletin.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-word').click()]);
    expect(download.suggestedFilename()).toBe(`${DS}_${MONTH}_bulletin.docx`);
    const docxFile = info.outputPath('bulletin.docx');
    await download.saveAs(docxFile);
    const word = sameInWord(pdf, docxFile);
    expect(word.tables.length).toBe(await page.locator('[data-table]').count());
    expect(word.tables.length).toBe(5);
    // The chart and the map go in as pictures.
    expect(execFileSync('unzip', ['-Z1', docxFile], { encoding: 'utf8' }).match(/^word\/media\/.+\.png$/gm)).toHaveLength(2);

    // The league table with its rank changes and red-and-black list, and the escalations, are printed.
    expect(all).toMatch(/表1县（市、区）和园区排名/);
    expect(all).toContain('名次变化');
    expect(all).toMatch(/红榜：[^；]+；黑榜：/);
    expect(all).toMatch(/表\d市直部门和国有企业排名/);
    expect(all).toContain('逾期未解决问题及下一步');
    expect(all).toMatch(/按问题升级规则（市重大项目办→分管副市长→市政府主要负责人），[\d,]+个问题已超出本级时限/);
    expect(all).toContain('超出本级时限、应升级的问题');

    // Another month: its own figures and fingerprint, its number by default again once cleared.
    await page.getByTestId('bulletin-month').selectOption('2022-06');
    await page.getByTestId('bulletin-no').fill('');
    await expect(page.getByTestId('bulletin')).toHaveAttribute('data-fingerprint', fingerprintOf('2022-06'), { timeout: 60_000 });
    await expect(page.getByTestId('bulletin-title')).toHaveText('关于2022年6月柳州市重大项目推进情况的通报');
    await expect(page.getByTestId('bulletin-number')).toHaveText('柳重大办通〔2022〕6号');
    await expect(page.getByTestId('bulletin-trace')).toContainText(fingerprintOf('2022-06'));

    // The screen, looked at.
    for (const [width, height] of [
      [390, 844],
      [1366, 768],
      [1920, 1080]
    ]) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: info.outputPath(`screen-${width}x${height}.png`) });
      await page.locator('[data-table="league-districts"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: info.outputPath(`screen-${width}x${height}-ranking.png`) });
      await page.getByTestId('bulletin-page').evaluate((el) => el.scrollTo(0, 0));
    }
    expect(foreignRequests).toEqual([]);
  });

  test("on Guiyang's rules: task notices per district and its own escalation ladder, the same in Word", async ({
    page,
    foreignRequests
  }, info) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await openBulletin(page, `bulletin/?ds=guiyang-2021&test`);
    const pdfFile = info.outputPath('bulletin-guiyang.pdf');
    const pdf = await printed(page, pdfFile);
    pdfToPng(pdfFile, info.outputPath('bulletin-guiyang-page'));
    const all = squeeze(pdf.text);
    expect(all).toMatch(/按问题升级规则（区（市、县）→市项目专班→市人民政府→省（州）），[\d,]+个问题已超出本级时限/);
    expect(all).toContain('各县区任务通知');
    expect(all).toMatch(/向\d+个县区发出任务通知，涉及项目[\d,]+个/);
    pdf.pages.forEach((text, i) => expect(text, `page ${i + 1}'s number`).toMatch(new RegExp(`^\\s*—\\s*${i + 1}\\s*—\\s*$`, 'm')));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-word').click()]);
    const docxFile = info.outputPath('bulletin-guiyang.docx');
    await download.saveAs(docxFile);
    const word = sameInWord(pdf, docxFile);
    expect(word.tables.length).toBe(await page.locator('[data-table]').count());
    expect(await page.locator('[data-table="task-notices"]').count()).toBe(1);
    expect(foreignRequests).toEqual([]);
  });

  test('speaks English when the page does, with the same figures', async ({ page, foreignRequests }, info) => {
    test.setTimeout(180_000);
    await page.addInitScript(() => localStorage.setItem('command-map.locale', 'en'));
    await openBulletin(page, `bulletin/?ds=${DS}&test`);
    const pdfFile = info.outputPath('bulletin-en.pdf');
    const pdf = await printed(page, pdfFile);
    pdfToPng(pdfFile, info.outputPath('bulletin-en-page'));
    const all = squeeze(pdf.text);
    expect(all).toContain(squeeze('Bulletin on the progress of major projects in Liuzhou, Sep 2022'));
    expect(all).toContain(`datafingerprint${FINGERPRINT}`);
    expect(all).toMatch(/InJanuary–Sep2022,CNY[\d,.]+bnwasinvested/);
    expect(foreignRequests).toEqual([]);
  });
  test('of a public dataset leaves the internal sections out and says so', async ({ page, foreignRequests }, info) => {
    test.setTimeout(180_000);
    await page.route('**/data/*/meta.json', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, json: { ...(await res.json()), public: true } });
    });
    await openBulletin(page, `bulletin/?ds=${DS}&test`);
    const pdfFile = info.outputPath('bulletin-public.pdf');
    const pdf = await printed(page, pdfFile);
    pdfToPng(pdfFile, info.outputPath('bulletin-public-page'));
    const all = squeeze(pdf.text);
    expect(all).toContain('本数据集为公开版本');
    expect(all).toContain('纳入计划项目977个');
    for (const internal of ['累计完成投资', '表1', '表2', '表3', '二、各县区推进情况', '超过办结时限']) expect(all).not.toContain(internal);
    expect(pdf.info.pages).toBe(1);
    expect(foreignRequests).toEqual([]);
  });
});
