/** Hands a finished export to the browser as a download. */
import type { ExportFile } from './types.ts';

export function saveFile(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken the URL by the next task; the blob can go once it has.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
