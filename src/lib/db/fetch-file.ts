import { DataLoadError, describeError } from './errors.ts';

/** Fetches a data file, turning HTTP failures into a translated, file-naming error. */
export async function fetchBytes(url: string, file: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new DataLoadError({ key: 'error.fileMissing', params: { file, status: describeError(err) } }, file);
  }
  if (!res.ok) throw new DataLoadError({ key: 'error.fileMissing', params: { file, status: res.status } }, file);
  return new Uint8Array(await res.arrayBuffer());
}

export async function fetchJson<T>(url: string, file: string): Promise<T> {
  const bytes = await fetchBytes(url, file);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (err) {
    throw new DataLoadError({ key: 'error.badJson', params: { file, detail: describeError(err) } }, file, 'JSON');
  }
}
