/**
 * Opening a protected build: its key file, a passphrase or a key remembered for the browser
 * session. What is remembered (only when the user asks) is the data key, in sessionStorage, so
 * the passphrase itself is never stored; the key goes when the browser session ends.
 */
import { contextCipher } from '../protect/cipher.ts';
import { fromBase64, isBuildKey, isKeyFile, KEY_FILE, toBase64, unlockWithPassphrase, type KeyFile } from '../protect/keys.ts';
import type { DataSource } from './data-source.ts';
import { DataLoadError } from './errors.ts';

const STORAGE_PREFIX = 'command-map:data-key:';

/** The build's key file (plain JSON), checked. */
export async function readKeyFile(source: DataSource): Promise<KeyFile> {
  const keyFile = await source.json<unknown>(KEY_FILE);
  if (!isKeyFile(keyFile)) throw new DataLoadError({ key: 'protect.badKeyFile', params: { file: KEY_FILE } }, KEY_FILE);
  return keyFile;
}

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    // Storage can be refused (privacy settings): the passphrase is then asked for each time.
    return null;
  }
}

/** The data key remembered in this browser session for this build, if it still opens it. */
export async function rememberedKey(keyFile: KeyFile): Promise<Uint8Array | null> {
  const stored = storage()?.getItem(STORAGE_PREFIX + keyFile.build);
  if (!stored) return null;
  try {
    const key = fromBase64(stored);
    if (await isBuildKey(keyFile, key, await contextCipher())) return key;
  } catch {
    // Not base64: forgotten below like a key that does not open the build.
  }
  storage()?.removeItem(STORAGE_PREFIX + keyFile.build);
  return null;
}

export function rememberKey(keyFile: KeyFile, key: Uint8Array): void {
  try {
    storage()?.setItem(STORAGE_PREFIX + keyFile.build, toBase64(key));
  } catch {
    // A full or refused storage only means asking again next time.
  }
}

/** The data key the passphrase opens, or null. */
export async function keyForPassphrase(keyFile: KeyFile, passphrase: string): Promise<Uint8Array | null> {
  return unlockWithPassphrase(keyFile, passphrase, await contextCipher());
}
