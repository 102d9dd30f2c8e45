import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { allowedOrigins, frameAncestorsHeader, isEmbedPath } from '../../../scripts/hosting/frame-ancestors.mjs';

describe('frame-ancestors', () => {
  it('lets only the site frame the app, whatever the embed allows', () => {
    for (const p of ['/', '/index.html', '/league/', '/data/index.json', '/embedded/', '/x/embed/'])
      expect(frameAncestorsHeader(p, ['https://www.gov.example'])).toBe("frame-ancestors 'self'");
  });

  it('lets the listed origins frame the embed, or any site while none is listed', () => {
    expect(isEmbedPath('/embed/')).toBe(true);
    expect(isEmbedPath('/embed')).toBe(true);
    expect(isEmbedPath('/embed.html')).toBe(true);
    expect(frameAncestorsHeader('/embed/', ['https://www.gov.example', 'http://10.1.2.3:8080'])).toBe(
      "frame-ancestors 'self' https://www.gov.example http://10.1.2.3:8080"
    );
    expect(frameAncestorsHeader('/embed/index.html', [])).toBe('frame-ancestors *');
  });

  describe('the site config', () => {
    let dir = '';
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const site = (config: string | null) => {
      dir = mkdtempSync(path.join(tmpdir(), 'cm-fa-'));
      if (config !== null) {
        mkdirSync(path.join(dir, 'config'));
        writeFileSync(path.join(dir, 'config', 'embed.json'), config);
      }
      return dir;
    };

    it('reads exact origins only, leaving out paths, wildcards and anything that would break the header', () => {
      const origins = [
        'https://a.example',
        'http://b.example:8080',
        '*',
        'https://c.example/path',
        "https://d.example'; script-src *",
        'ftp://e.example',
        7
      ];
      expect(allowedOrigins(site(JSON.stringify({ allowedOrigins: origins })))).toEqual(['https://a.example', 'http://b.example:8080']);
    });

    it('reads none from a missing or broken config', () => {
      expect(allowedOrigins(site(null))).toEqual([]);
      expect(allowedOrigins(site('{ not json'))).toEqual([]);
      expect(allowedOrigins(site('{"allowedOrigins": "https://a.example"}'))).toEqual([]);
    });
  });
});
