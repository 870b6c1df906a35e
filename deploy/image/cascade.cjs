#!/usr/bin/env node
// The image's entry point: one image runs every Cascade process, chosen by the command.
//
//   metering | rating | invoicing        serve that service (ports, peers, database: environment)
//   migrate <metering|rating|invoicing>  apply that service's migrations and exit (the Job before a rollout)
//   openstack-adapter --config <file>    consume OpenStack notifications into metering
//
// The TypeScript sources run through @swc-node/register, as `npm start` runs them.
'use strict';
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVICES = ['metering', 'rating', 'invoicing'];

function entry(argv) {
  const [command, ...rest] = argv;
  if (SERVICES.includes(command)) return { file: `apps/${command}/src/main.ts`, args: rest };
  if (command === 'openstack-adapter') {
    return { file: 'apps/openstack-adapter/src/main.ts', args: rest };
  }
  if (command === 'migrate' && SERVICES.includes(rest[0]) && rest.length === 1) {
    return { file: `apps/${rest[0]}/src/migrate.ts`, args: [] };
  }
  return undefined;
}

const USAGE = [
  'usage: cascade <command>',
  '  metering | rating | invoicing        serve that service',
  '  migrate <metering|rating|invoicing>  apply its database migrations and exit',
  '  openstack-adapter --config <file>    run the OpenStack adapter',
].join('\n');

const argv = process.argv.slice(2);
if (argv.length === 1 && ['help', '--help', '-h'].includes(argv[0])) {
  process.stdout.write(`${USAGE}\n`);
} else {
  const chosen = entry(argv);
  if (!chosen) {
    process.stderr.write(`cascade: unknown command: ${argv.join(' ') || '(none)'}\n${USAGE}\n`);
    process.exit(2);
  }
  // The program sees only its own arguments, as if started as `node <file> ...`.
  process.argv = [process.argv[0], path.join(ROOT, chosen.file), ...chosen.args];
  // The repository's compiler settings (decorator metadata, path aliases), wherever the cwd is.
  process.env.SWC_NODE_PROJECT ??= path.join(ROOT, 'tsconfig.json');
  require('@swc-node/register');
  require(path.join(ROOT, chosen.file));
}
