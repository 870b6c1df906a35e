#!/usr/bin/env node
// The image's entry point: one image runs every Cascade process, chosen by the command.
//
//   metering | rating | invoicing        serve that service (ports, peers, database: environment)
//   migrate <metering|rating|invoicing>  apply that service's migrations and exit (the Job before a rollout)
//   openstack-adapter --config <file>    consume OpenStack notifications into metering
//   health <metering|rating|invoicing>   exit 0 when the service in this container answers SERVING
//
// In the image the programs are the JavaScript that deploy/image/compile.cjs made
// (dist/); from a checkout, the TypeScript sources run through @swc-node/register,
// as `npm start` runs them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SERVICES = ['metering', 'rating', 'invoicing'];
const PORTS = { metering: 'METERING_PORT', rating: 'RATING_PORT', invoicing: 'INVOICING_PORT' };
const DEFAULT_PORTS = { metering: 50051, rating: 50052, invoicing: 50053 };

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
  '  health <metering|rating|invoicing>   check the service on this host (exit 0: SERVING)',
].join('\n');

/**
 * grpc.health.v1.Health/Check (Connect JSON over HTTP/2) on this host's port: the
 * probe for pods on TLS, where the kubelet's own gRPC probe cannot connect. With
 * TLS it presents the service's own certificate and trusts CASCADE_TLS_CA; the
 * host name is not checked, as the call never leaves the pod.
 */
function health(service) {
  const http2 = require('node:http2');
  const port = process.env[PORTS[service]] || DEFAULT_PORTS[service];
  const env = process.env;
  const tls = Boolean(env.CASCADE_TLS_CERT);
  const options = tls
    ? {
        cert: fs.readFileSync(env.CASCADE_TLS_CERT),
        key: fs.readFileSync(env.CASCADE_TLS_KEY),
        ...(env.CASCADE_TLS_CA ? { ca: fs.readFileSync(env.CASCADE_TLS_CA) } : {}),
        checkServerIdentity: () => undefined,
      }
    : {};
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const fail = (why) => {
    process.stderr.write(`${service} at ${url}: ${why}\n`);
    process.exit(1);
  };
  const timer = setTimeout(() => fail('no answer within 3 s'), 3000);
  const session = http2.connect(url, options);
  session.on('error', (error) => fail(error.message));
  const request = session.request({
    ':method': 'POST',
    ':path': '/grpc.health.v1.Health/Check',
    'content-type': 'application/json',
  });
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => (body += chunk));
  request.on('error', (error) => fail(error.message));
  request.on('end', () => {
    clearTimeout(timer);
    session.close();
    let status;
    try {
      status = JSON.parse(body).status;
    } catch {
      status = body;
    }
    if (status === 'SERVING') process.stdout.write(`${service}: SERVING\n`);
    else fail(`not serving: ${status}`);
  });
  request.end('{}');
}

const argv = process.argv.slice(2);
if (argv.length === 1 && ['help', '--help', '-h'].includes(argv[0])) {
  process.stdout.write(`${USAGE}\n`);
} else if (argv.length === 2 && argv[0] === 'health' && SERVICES.includes(argv[1])) {
  health(argv[1]);
} else {
  const chosen = entry(argv);
  if (!chosen) {
    process.stderr.write(`cascade: unknown command: ${argv.join(' ') || '(none)'}\n${USAGE}\n`);
    process.exit(2);
  }
  // The compiled program when there is one (the image), else its TypeScript source.
  const compiled = path.join(ROOT, 'dist', chosen.file.replace(/\.ts$/, '.js'));
  const useCompiled = fs.existsSync(compiled);
  const program = useCompiled ? compiled : path.join(ROOT, chosen.file);
  // The program sees only its own arguments, as if started as `node <file> ...`.
  process.argv = [process.argv[0], program, ...chosen.args];
  if (!useCompiled) {
    // The repository's compiler settings (decorator metadata, path aliases), wherever the cwd is.
    process.env.SWC_NODE_PROJECT ??= path.join(ROOT, 'tsconfig.json');
    require('@swc-node/register');
  }
  require(program);
}
