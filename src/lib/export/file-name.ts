/**
 * The file name of an export: `<dataset>_<YYYY-MM>_<filter summary>.<ext>`, safe on Windows
 * (none of \ / : * ? " < > |, no control characters, no trailing dot or space) and bounded in
 * length, so that it survives a download folder, a zip and an e-mail attachment.
 */
// eslint-disable-next-line no-control-regex -- control characters are among what it removes
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;
/** Characters per part; Windows allows 255 for the whole name, mail clients less. */
const PART_MAX = 40;

function part(text: string, max = PART_MAX): string {
  const clean = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim().replace(/ /g, '-');
  const cut = [...clean].slice(0, max).join('');
  return cut.replace(/[.\-\s]+$/, '');
}

export function exportFileName(dataset: string, month: string, filterSummary: string, ext: string, none = 'all'): string {
  const parts = [part(dataset) || 'export', part(month, 7), part(filterSummary) || part(none)];
  return `${parts.filter(Boolean).join('_')}.${ext}`;
}
