#!/usr/bin/env node
// Bundles app.jsx (kepler.gl on the benchmark's points) into dist/: index.html and kepler.js, a
// page the bench serves beside the app at kepler/. Needs this folder's own node_modules (npm ci
// here; ../kepler.ts does both on the bench's first use), never the app's.
//   node scripts/bench/kepler/build.mjs
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.join(here, 'dist');
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [path.join(here, 'app.jsx')],
  outfile: path.join(out, 'kepler.js'),
  absWorkingDir: here,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  jsx: 'automatic',
  loader: { '.js': 'jsx' },
  // kepler.gl's packages read process.env and Node's `global`, as under webpack 4's shims.
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  banner: {
    js: 'var process={env:{NODE_ENV:"production"},browser:true,version:"",versions:{},platform:"browser",nextTick:function(f){var a=[].slice.call(arguments,1);queueMicrotask(function(){f.apply(null,a)})}};'
  },
  logLevel: 'warning',
  metafile: true
});
writeFileSync(
  path.join(out, 'index.html'),
  `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>kepler.gl (Command Map benchmark)</title>
<style>html,body,#app{margin:0;width:100%;height:100%;overflow:hidden}</style></head>
<body><div id="app"></div><script src="kepler.js"></script></body>
</html>
`
);
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`kepler.gl bundle: ${(bytes / 1e6).toFixed(1)} MB in ${path.relative(process.cwd(), out) || '.'}`);
