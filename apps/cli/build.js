// Compiles the CLI and the libraries it imports to plain JavaScript with swc, so the
// built `cascade` starts without compiling anything: node <out>/apps/cli/src/main.js.
const fs = require('node:fs');
const path = require('node:path');
const { transformFileSync } = require('@swc/core');

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCES = ['apps/cli/src', 'libs/contracts/src', 'libs/money/src'];
const ALIASES = { '@cascade/contracts': 'libs/contracts/src', '@cascade/money': 'libs/money/src' };

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

function build(outDir) {
  for (const source of SOURCES) {
    for (const file of files(path.join(ROOT, source))) {
      const relative = path.relative(ROOT, file);
      const target = path.join(outDir, relative.replace(/\.ts$/, '.js'));
      let { code } = transformFileSync(file, {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        swcrc: false,
      });
      for (const [alias, dir] of Object.entries(ALIASES)) {
        let to = path.relative(path.dirname(path.join(ROOT, relative)), path.join(ROOT, dir));
        if (!to.startsWith('.')) to = `./${to}`;
        code = code.split(`require("${alias}")`).join(`require("${to}")`);
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, code);
    }
  }
  return path.join(outDir, 'apps', 'cli', 'src', 'main.js');
}

module.exports = { build };

if (require.main === module) {
  const out = path.resolve(process.argv[2] || path.join(ROOT, 'dist', 'cli'));
  console.error(`built ${build(out)}`);
}
