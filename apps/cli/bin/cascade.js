#!/usr/bin/env node
// The `cascade` executable: runs the TypeScript sources through swc, install-free from a clone.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.resolve(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
