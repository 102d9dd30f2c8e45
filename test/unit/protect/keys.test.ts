/**
 * The key file (src/lib/protect/keys.ts): every audience's passphrase opens the same data key, with
 * WebCrypto and with @noble alike; any other passphrase opens nothing.
 */
import { describe, expect, it } from 'vitest';
import { createKeyFile, isBuildKey, isKeyFile, MIN_ITERATIONS, unlockWithPassphrase } from '../../../src/lib/protect/keys.ts';
import { ciphers, seededBytes } from './fixture.ts';

const PASSPHRASES = ['correct horse battery staple', '蓝色的长江大桥通往城市', 'third audience passphrase'];

describe('the key file', () => {
  it('opens the same data key with every passphrase, in either implementation', async () => {
    const { webcrypto, noble } = await ciphers();
    const { keyFile, dataKey } = await createKeyFile(PASSPHRASES, webcrypto);
    expect(isKeyFile(JSON.parse(JSON.stringify(keyFile)))).toBe(true);
    expect(keyFile.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    expect(keyFile.slots).toHaveLength(3);
    for (const passphrase of PASSPHRASES) expect(await unlockWithPassphrase(keyFile, passphrase, webcrypto)).toEqual(dataKey);
    expect(await unlockWithPassphrase(keyFile, PASSPHRASES[1], noble)).toEqual(dataKey);
  });

  it('opens nothing with a wrong passphrase', async () => {
    const { webcrypto, noble } = await ciphers();
    const { keyFile } = await createKeyFile(PASSPHRASES.slice(0, 1), webcrypto);
    expect(await unlockWithPassphrase(keyFile, 'correct horse battery stapler', webcrypto)).toBeNull();
    expect(await unlockWithPassphrase(keyFile, 'Correct horse battery staple', noble)).toBeNull();
  });

  it('reads a passphrase in NFC without surrounding spaces, as the build step does', async () => {
    const { webcrypto } = await ciphers();
    const { keyFile, dataKey } = await createKeyFile(['café au lait, no sugar'], webcrypto);
    expect(await unlockWithPassphrase(keyFile, '  cafe\u0301 au lait, no sugar \n', webcrypto)).toEqual(dataKey);
  });

  it('recognises its own data key (a remembered key) and no other', async () => {
    const { webcrypto, noble } = await ciphers();
    const { keyFile, dataKey } = await createKeyFile(PASSPHRASES.slice(0, 1), webcrypto);
    expect(await isBuildKey(keyFile, dataKey, noble)).toBe(true);
    expect(await isBuildKey(keyFile, seededBytes(32, 4), webcrypto)).toBe(false);
  });

  it('refuses fewer than 600,000 iterations, and a key file that asks for fewer', async () => {
    const { webcrypto } = await ciphers();
    await expect(createKeyFile(PASSPHRASES, webcrypto, MIN_ITERATIONS - 1)).rejects.toThrow(/600000/);
    const { keyFile } = await createKeyFile(PASSPHRASES.slice(0, 1), webcrypto);
    expect(isKeyFile({ ...keyFile, kdf: { ...keyFile.kdf, iterations: 1000 } })).toBe(false);
  });
});
