#!/usr/bin/env node
// Compiles apps/ and libs/ to JavaScript for the image, with the repository's
// own swc settings (.swcrc: decorators and their metadata) and its path aliases
// (tsconfig.base.json) rewritten to relative requires, so that a container
// starts without compiling TypeScript. Other files (templates, assets) are
// copied as they are; tests are left out.
//
//   node deploy/image/compile.cjs [OUT]      default OUT: dist
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.resolve(ROOT, process.argv[2] ?? 'dist');
const { compilerOptions } = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8'),
);
const swcrc = JSON.parse(fs.readFileSync(path.join(ROOT, '.swcrc'), 'utf8'));
delete swcrc.$schema;

const options = {
  ...swcrc,
  swcrc: false,
  configFile: false,
  sourceMaps: false,
  jsc: { ...swcrc.jsc, baseUrl: ROOT, paths: compilerOptions.paths },
};

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

let compiled = 0;
for (const top of ['apps', 'libs']) {
  for (const file of files(path.join(ROOT, top))) {
    if (/\.(spec|test)\.ts$/.test(file) || file.endsWith('.d.ts')) continue;
    const target = path.join(OUT, path.relative(ROOT, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (file.endsWith('.ts')) {
      const { code } = swc.transformFileSync(file, { ...options, filename: file });
      fs.writeFileSync(target.replace(/\.ts$/, '.js'), code);
      compiled += 1;
    } else {
      fs.copyFileSync(file, target);
    }
  }
}
process.stdout.write(`compiled ${compiled} files into ${path.relative(ROOT, OUT) || '.'}\n`);
