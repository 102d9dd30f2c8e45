/**
 * The data page in the e2e tests: opening it until its rows are in, reading an export back, and
 * DuckDB's own answer for a selection, computed in Node from the dataset's facts file.
 */
import type { Download, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect } from './helpers.ts';

export const INDEX = JSON.parse(readFileSync('static/data/index.json', 'utf8')) as { id: string }[];
export const DS = INDEX.find((d) => d.id === 'liuzhou-2022')?.id ?? INDEX[0].id;
export const META = JSON.parse(readFileSync(`static/data/${DS}/meta.json`, 'utf8')) as {
  as_of: string;
  name: { zh: string; en: string };
};
export const AS_OF = META.as_of.slice(0, 7);
export const FACTS = `static/data/${DS}/facts/${AS_OF}.parquet`;

/** Opens the data page (or waits for it) until its count and its rows in view are in. */
export async function openData(page: Page, target: string | null = `data/?ds=${DS}`): Promise<void> {
  if (target !== null) await page.goto(target);
  const table = page.getByTestId('data-table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table).not.toHaveAttribute('data-count', '', { timeout: 60_000 });
  await expect(table).not.toHaveAttribute('data-rows-version', '0', { timeout: 60_000 });
  await rowsSettled(page);
}

/** No window or count under way, and every row in the page has its values. */
export async function rowsSettled(page: Page): Promise<void> {
  const table = page.getByTestId('data-table');
  await expect(table).toHaveAttribute('data-pending', 'false', { timeout: 60_000 });
  await expect(table.locator('tbody tr[aria-busy=true]')).toHaveCount(0, { timeout: 60_000 });
}

/** The table's rows in the page: their row index and their cells' text. */
export function rowsInPage(page: Page): Promise<{ index: number; cells: string[] }[]> {
  return page
    .getByTestId('data-table')
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs
        .map((tr) => ({
          index: Number(tr.getAttribute('aria-rowindex')) - 3,
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')
        }))
        .sort((a, b) => a.index - b.index)
    );
}

/**
 * Where the rows in the page are drawn, in px from the top of the table's body (the whole
 * selection's height), and the part of that body in view below the sticky header.
 */
export function rowsDrawn(page: Page): Promise<{ rows: { index: number; top: number; height: number }[]; view: [number, number] }> {
  return page.getByTestId('data-table').evaluate((el) => {
    const body = el.querySelector('tbody')!.getBoundingClientRect();
    const head = el.querySelector('thead')!.getBoundingClientRect();
    const rows = [...el.querySelectorAll('tbody tr')].map((tr) => {
      const r = tr.getBoundingClientRect();
      return { index: Number(tr.getAttribute('aria-rowindex')) - 3, top: r.top - body.top, height: r.height };
    });
    const bottom = el.getBoundingClientRect().top + el.clientTop + el.clientHeight;
    return { rows: rows.sort((a, b) => a.index - b.index), view: [head.bottom - body.top, bottom - body.top] as [number, number] };
  });
}

/** Clicks an export button and returns its download (the file, once whole). */
export async function download(page: Page, format: 'csv' | 'xlsx' | 'parquet'): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId(`data-export-${format}`).click()]);
  return file;
}

/** RFC 4180 CSV (quoted fields, "" escapes, CRLF) as rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) field += ch;
    else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** A spreadsheet would run it: = + - @ tab CR first. */
export const formulaLike = (s: string) => /^[=+\-@\t\r]/.test(s);
