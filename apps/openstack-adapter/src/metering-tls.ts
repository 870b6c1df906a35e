import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MeteringTlsOptions } from '@cascade/plugin-sdk';

const PARTS = ['ca', 'cert', 'key'] as const;
type Part = (typeof PARTS)[number];

/** The variable that overrides each file of the config's meteringTls, as the services name them. */
const VARIABLES: Record<Part, string> = {
  ca: 'CASCADE_TLS_CA',
  cert: 'CASCADE_TLS_CERT',
  key: 'CASCADE_TLS_KEY',
};

/**
 * The PEM files the adapter reaches an https:// metering with: `meteringTls`
 * in the config (paths relative to the file) or CASCADE_TLS_CA, _CERT, _KEY
 * (relative to the working directory), which win. Read at start, so a missing
 * file stops the adapter naming where it came from. None: undefined.
 */
export function readMeteringTls(
  raw: unknown,
  meteringUrl: string,
  baseDir: string,
  env: NodeJS.ProcessEnv,
): MeteringTlsOptions | undefined {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw)))
    throw new TypeError('meteringTls: an object of PEM file paths (ca, cert, key) is required');
  const files = (raw ?? {}) as Partial<Record<Part, unknown>>;
  const tls: MeteringTlsOptions = {};
  for (const part of PARTS) {
    const fromEnv = env[VARIABLES[part]];
    if (fromEnv) tls[part] = readPem(VARIABLES[part], path.resolve(fromEnv));
    else if (files[part] !== undefined) {
      const field = `meteringTls.${part}`;
      if (typeof files[part] !== 'string' || files[part].trim() === '')
        throw new TypeError(`${field}: a PEM file path is required`);
      tls[part] = readPem(field, path.resolve(baseDir, files[part]));
    }
  }
  if (Object.keys(tls).length === 0) return undefined;
  if (!meteringUrl.startsWith('https://'))
    throw new TypeError(`meteringUrl: must be https:// when meteringTls or CASCADE_TLS_* is set`);
  if (tls.cert && !tls.key)
    throw new TypeError(
      'meteringTls.key: is required with the client certificate (or CASCADE_TLS_KEY)',
    );
  if (tls.key && !tls.cert)
    throw new TypeError('meteringTls.cert: is required with the client key (or CASCADE_TLS_CERT)');
  return tls;
}

function readPem(field: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new TypeError(`${field}: cannot read ${file}: ${(error as Error).message}`);
  }
}
