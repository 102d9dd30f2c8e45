/**
 * The protected build's file format: a data file encrypted in chunks, each decryptable on its
 * own, so that a plaintext byte range maps to the few chunks (and one ciphertext range) that hold it.
 *
 *   header:  "CMAPENC1" | u32 header length | 16-byte file id | u64 plaintext size | u32 chunk count N
 *            | N × u32 plaintext length of each chunk               (integers little-endian)
 *   chunks:  for each chunk, a 12-byte random nonce | AES-256-GCM ciphertext | 16-byte tag
 *
 * Each chunk's additional data binds it to its file id, its index, its plaintext offset and
 * length, the file's size and chunk count and the file's path in the site, so a chunk moved,
 * dropped, or swapped with another file's fails its tag. Pure: shared by the build script (Node)
 * and the browser.
 */

export const MAGIC = 'CMAPENC1';
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const FILE_ID_BYTES = 16;
/** Bytes a chunk adds to its plaintext. */
export const CHUNK_OVERHEAD = NONCE_BYTES + TAG_BYTES;
const FIXED_HEADER = MAGIC.length + 4 + FILE_ID_BYTES + 8 + 4;

export interface EncryptedHeader {
  fileId: Uint8Array;
  /** Plaintext size of the whole file. */
  size: number;
  /** Plaintext length of each chunk, in order. */
  lengths: number[];
  /** Byte length of the header: the first chunk starts here. */
  headerLength: number;
}

/** Where a chunk's plaintext and its ciphertext (nonce to tag) lie in their files. */
export interface ChunkPlace {
  index: number;
  plainStart: number;
  plainLength: number;
  cipherStart: number;
  cipherLength: number;
}

const ascii = new TextEncoder();

function putU64(view: DataView, at: number, value: number): void {
  view.setUint32(at, value % 2 ** 32, true);
  view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
}

function getU64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

export function headerLengthFor(chunks: number): number {
  return FIXED_HEADER + 4 * chunks;
}

export function encodeHeader(fileId: Uint8Array, lengths: number[]): Uint8Array {
  const out = new Uint8Array(headerLengthFor(lengths.length));
  const view = new DataView(out.buffer);
  out.set(ascii.encode(MAGIC), 0);
  view.setUint32(8, out.length, true);
  out.set(fileId, 12);
  putU64(
    view,
    28,
    lengths.reduce((a, b) => a + b, 0)
  );
  view.setUint32(36, lengths.length, true);
  lengths.forEach((n, i) => view.setUint32(FIXED_HEADER + 4 * i, n, true));
  return out;
}

/** True when `bytes` begin like a protected file (the browser's test for "this build is locked"). */
export function isEncrypted(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && String.fromCharCode(...bytes.subarray(0, MAGIC.length)) === MAGIC;
}

/** The header length a file's first 12 bytes announce, or null when they are not a protected file's. */
export function announcedHeaderLength(bytes: Uint8Array): number | null {
  if (bytes.length < 12 || !isEncrypted(bytes)) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
}

/** Reads a header from the file's first bytes; null when they are not a whole, consistent header. */
export function decodeHeader(bytes: Uint8Array): EncryptedHeader | null {
  const headerLength = announcedHeaderLength(bytes);
  if (headerLength === null || headerLength < FIXED_HEADER || bytes.length < headerLength) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(36, true);
  if (headerLength !== headerLengthFor(count)) return null;
  const lengths = Array.from({ length: count }, (_, i) => view.getUint32(FIXED_HEADER + 4 * i, true));
  const size = getU64(view, 28);
  if (lengths.reduce((a, b) => a + b, 0) !== size) return null;
  return { fileId: bytes.slice(12, 12 + FILE_ID_BYTES), size, lengths, headerLength };
}

/** Every chunk's place in the plaintext and in the encrypted file. */
export function chunkPlaces(header: Pick<EncryptedHeader, 'lengths' | 'headerLength'>): ChunkPlace[] {
  let plainStart = 0;
  let cipherStart = header.headerLength;
  return header.lengths.map((plainLength, index) => {
    const place = { index, plainStart, plainLength, cipherStart, cipherLength: plainLength + CHUNK_OVERHEAD };
    plainStart += plainLength;
    cipherStart += place.cipherLength;
    return place;
  });
}

/** The encrypted file's total length. */
export function encryptedLength(header: Pick<EncryptedHeader, 'lengths' | 'headerLength'>): number {
  return header.headerLength + header.lengths.reduce((a, n) => a + n + CHUNK_OVERHEAD, 0);
}

/** The chunks that hold plaintext bytes [start, end), in order (none for an empty range). */
export function chunksCovering(places: ChunkPlace[], start: number, end: number): ChunkPlace[] {
  if (end <= start) return [];
  return places.filter((p) => p.plainLength > 0 && p.plainStart < end && p.plainStart + p.plainLength > start);
}

/** The additional data authenticated with chunk `index` of the file at `path`. */
export function chunkAad(header: Pick<EncryptedHeader, 'fileId' | 'size' | 'lengths'>, place: ChunkPlace, path: string): Uint8Array {
  const pathBytes = ascii.encode(path);
  const out = new Uint8Array(MAGIC.length + FILE_ID_BYTES + 8 + 4 + 4 + 8 + 4 + pathBytes.length);
  const view = new DataView(out.buffer);
  out.set(ascii.encode(MAGIC), 0);
  out.set(header.fileId, 8);
  putU64(view, 24, header.size);
  view.setUint32(32, header.lengths.length, true);
  view.setUint32(36, place.index, true);
  putU64(view, 40, place.plainStart);
  view.setUint32(48, place.plainLength, true);
  out.set(pathBytes, 52);
  return out;
}

/**
 * Chunk lengths for a file of `size` bytes cut at `cuts` (plaintext offsets where a chunk must
 * begin: a Parquet file's row groups, column chunks and footer), with no chunk longer than `max`.
 */
export function chunkLengths(size: number, cuts: number[], max: number): number[] {
  const starts = [...new Set([0, ...cuts.filter((c) => c > 0 && c < size)])].sort((a, b) => a - b);
  const lengths: number[] = [];
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : size;
    for (let at = start; at < end; at += max) lengths.push(Math.min(max, end - at));
  });
  return lengths.length > 0 ? lengths : [0];
}
