import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** A certificate and its key, as PEM file paths. */
export interface CertificateFiles {
  cert: string;
  key: string;
}

/** A certificate authority made for a test: its certificate signs others. */
export interface TestCa extends CertificateFiles {
  dir: string;
}

// EC P-256: generated in milliseconds, unlike RSA.
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
// Usable both ways, as every service's certificate is: serves its port and calls its peers.
const LEAF_EXTENSIONS = [
  'basicConstraints=CA:FALSE',
  'keyUsage=critical,digitalSignature',
  'extendedKeyUsage=serverAuth,clientAuth',
  'subjectAltName=DNS:localhost,IP:127.0.0.1',
].join('\n');

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function fileName(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, '_');
}

/** A new CA (subject CN `name`) in `dir`, with the openssl CLI. */
export function createTestCa(dir: string, name: string): TestCa {
  const base = path.join(dir, fileName(name));
  const ca = { dir, cert: `${base}.pem`, key: `${base}.key` };
  openssl([
    'req',
    '-x509',
    ...NEW_KEY,
    '-keyout',
    ca.key,
    '-out',
    ca.cert,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return ca;
}

/**
 * A certificate with subject CN `commonName` signed by `ca`, for localhost and
 * 127.0.0.1, usable as server and client certificate. `days` below zero gives
 * one that has already expired.
 */
export function issueTestCertificate(
  ca: TestCa,
  commonName: string,
  options: { days?: number; file?: string } = {},
): CertificateFiles {
  const base = path.join(
    ca.dir,
    fileName(options.file ?? `${commonName}.${path.basename(ca.cert, '.pem')}`),
  );
  const issued = { cert: `${base}.pem`, key: `${base}.key` };
  const request = `${base}.csr`;
  const extensions = `${base}.ext`;
  writeFileSync(extensions, `${LEAF_EXTENSIONS}\n`);
  openssl([
    'req',
    '-new',
    ...NEW_KEY,
    '-keyout',
    issued.key,
    '-out',
    request,
    '-subj',
    `/CN=${commonName}`,
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    request,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-set_serial',
    `0x${randomBytes(16).toString('hex')}`,
    '-days',
    String(options.days ?? 2),
    '-extfile',
    extensions,
    '-out',
    issued.cert,
  ]);
  return issued;
}
