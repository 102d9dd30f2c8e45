/**
 * Reading a printed bulletin and its Word file with Debian's tools: pdfinfo, pdftotext and
 * pdftoppm (poppler-utils), unzip.
 */
import { execFileSync } from 'node:child_process';

/** The number of pages and the first page's size in points. */
export function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(info)![1]), width: Number(size[1]), height: Number(size[2]) };
}

/** Each page's text as pdftotext -layout lays it out. */
export function pdfPages(file: string, pages: number): string[] {
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' })
  );
}

/** PNG pictures of the pages (`<prefix>-1.png` …), to be looked at. */
export function pdfToPng(file: string, prefix: string): void {
  execFileSync('pdftoppm', ['-png', '-r', '60', file, prefix]);
}

export function docxXml(file: string, part = 'word/document.xml'): string {
  return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const runTexts = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1])).join('');

/** The Word file's paragraphs outside tables, and its tables as rows of cell texts. */
export function docxContent(xml: string): { paragraphs: string[]; tables: string[][][] } {
  const body = xml.replace(/<w:tbl>[^]*?<\/w:tbl>/g, '');
  const paragraphs = [...body.matchAll(/<w:p[ >][^]*?<\/w:p>/g)].map((m) => runTexts(m[0])).filter((p) => p.length > 0);
  const tables = [...xml.matchAll(/<w:tbl>([^]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<w:tr[ >]([^]*?)<\/w:tr>/g)].map((r) => [...r[1].matchAll(/<w:tc>([^]*?)<\/w:tc>/g)].map((c) => runTexts(c[1])))
  );
  return { paragraphs, tables };
}

/** The figures of a text: numbers with their separators, decimals and percent signs. */
export function figures(text: string): string[] {
  return [...text.matchAll(/\d[\d,]*(?:\.\d+)?%?/g)].map((m) => m[0]);
}

/** The text without any white space (pdftotext breaks and spaces lines as laid out). */
export const squeeze = (text: string) => text.replace(/\s+/g, '');
