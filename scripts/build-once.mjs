#!/usr/bin/env node
// Builds the production site for the e2e tests under their sub-path, unless E2E_SKIP_BUILD=1
// says a build already made with the same BASE_PATH is in place.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.env.E2E_SKIP_BUILD === '1' && existsSync(`${process.env.BUILD_DIR ?? 'build'}/index.html`)) process.exit(0);
execSync('npm run build', { stdio: 'inherit', env: { ...process.env } });
