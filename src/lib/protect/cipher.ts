/**
 * AES-256-GCM and PBKDF2-SHA-256, by WebCrypto where the page has it and by @noble/ciphers and
 * @noble/hashes where it does not: browsers give `crypto.subtle` only to secure contexts (HTTPS,
 * localhost), and an intranet server on plain HTTP is not one. Both give the same bytes (a test
 * runs both on the same files).
 */

export interface Cipher {
  /** `sealed` is ciphertext followed by its 16-byte tag; rejects with DecryptError when the tag does not match. */
  decrypt(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
  encrypt(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array, aad: Uint8Array): Promise<Uint8Array>;
  /** 32 bytes from the passphrase. */
  pbkdf2(passphrase: string, salt: Uint8Array, iterations: number): Promise<Uint8Array>;
}

export type CipherName = 'webcrypto' | 'noble';

/** The tag did not match: wrong key, or the bytes were changed. */
export class DecryptError extends Error {
  constructor() {
    super('decryption failed: wrong key or damaged data');
    this.name = 'DecryptError';
  }
}

const utf8 = new TextEncoder();
type Bytes = Uint8Array<ArrayBuffer>;
/** WebCrypto's BufferSource wants an ArrayBuffer-backed view; a copy only when it is not one. */
const own = (b: Uint8Array): Bytes => (b.buffer instanceof ArrayBuffer ? (b as Bytes) : (new Uint8Array(b) as Bytes));

export function webCryptoCipher(subtle: SubtleCrypto): Cipher {
  // One import per key and use: a month's facts are hundreds of chunks under the same key.
  const imported = new WeakMap<Uint8Array, Map<KeyUsage, Promise<CryptoKey>>>();
  const aesKey = (key: Uint8Array, use: KeyUsage) => {
    const uses = imported.get(key) ?? new Map<KeyUsage, Promise<CryptoKey>>();
    imported.set(key, uses);
    const found = uses.get(use) ?? subtle.importKey('raw', own(key), 'AES-GCM', false, [use]);
    uses.set(use, found);
    return found;
  };
  return {
    async decrypt(key, nonce, sealed, aad) {
      const k = await aesKey(key, 'decrypt');
      try {
        return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv: own(nonce), additionalData: own(aad) }, k, own(sealed)));
      } catch {
        throw new DecryptError();
      }
    },
    async encrypt(key, nonce, plain, aad) {
      const k = await aesKey(key, 'encrypt');
      return new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: own(nonce), additionalData: own(aad) }, k, own(plain)));
    },
    async pbkdf2(passphrase, salt, iterations) {
      const base = await subtle.importKey('raw', utf8.encode(passphrase), 'PBKDF2', false, ['deriveBits']);
      return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: own(salt), iterations }, base, 256));
    }
  };
}

/** The pure-JS implementation, loaded only where it is needed. */
export async function nobleCipher(): Promise<Cipher> {
  const [{ gcm }, { pbkdf2Async }, { sha256 }] = await Promise.all([
    import('@noble/ciphers/aes.js'),
    import('@noble/hashes/pbkdf2.js'),
    import('@noble/hashes/sha2.js')
  ]);
  return {
    async decrypt(key, nonce, sealed, aad) {
      try {
        return gcm(key, nonce, aad).decrypt(sealed);
      } catch {
        throw new DecryptError();
      }
    },
    async encrypt(key, nonce, plain, aad) {
      return gcm(key, nonce, aad).encrypt(plain);
    },
    // The async form yields to the event loop now and then: the page stays responsive for the ~1 s it takes.
    pbkdf2: (passphrase, salt, iterations) => pbkdf2Async(sha256, utf8.encode(passphrase), salt, { c: iterations, dkLen: 32 })
  };
}

/** Which implementation this context gets: WebCrypto when it has it. */
export function availableCipher(): CipherName {
  return typeof globalThis.crypto?.subtle?.decrypt === 'function' ? 'webcrypto' : 'noble';
}

let chosen: Promise<Cipher> | null = null;

/** The implementation for this context (chosen once). */
export function contextCipher(): Promise<Cipher> {
  chosen ??= availableCipher() === 'webcrypto' ? Promise.resolve(webCryptoCipher(globalThis.crypto.subtle)) : nobleCipher();
  return chosen;
}
