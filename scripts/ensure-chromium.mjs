#!/usr/bin/env node
// Makes sure Debian's Chromium (and CJK fonts, and poppler-utils for reading the printed bulletin)
// are present before the browser tests run.
// Playwright's own browser download cannot work on machines without internet.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PACKAGES = 'chromium fonts-noto-cjk nginx libegl-mesa0 libgl1-mesa-dri poppler-utils';

function hasCjkFont() {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

const hasPoppler = () => existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');

if (existsSync(CHROMIUM) && hasCjkFont() && hasPoppler()) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canApt = existsSync('/usr/bin/apt-get');
if (isRoot && canApt) {
  console.log(`Installing ${PACKAGES} from Debian's packages for the browser tests…`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${PACKAGES}`, { stdio: 'inherit' });
  if (existsSync(CHROMIUM) && hasPoppler()) process.exit(0);
}
console.error(
  `Chromium was not found at ${CHROMIUM}. Install it (and CJK fonts) with:\n` +
    `  sudo apt-get install -y ${PACKAGES}\n` +
    `or point CHROMIUM_PATH at a Chromium binary, then run npm test again.`
);
process.exit(1);
