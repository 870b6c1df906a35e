import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SecureClientSessionOptions } from 'node:http2';

/** The identities (client certificate subject CN) that are Cascade services, unless configured. */
export const DEFAULT_SERVICE_NAMES: readonly string[] = [
  'cascade-metering',
  'cascade-rating',
  'cascade-invoicing',
];

/**
 * TLS as the environment configures it, read once per process:
 * - CASCADE_TLS_CERT + CASCADE_TLS_KEY (PEM files): this service's certificate;
 *   the port serves HTTP/2 over TLS.
 * - CASCADE_TLS_CA (PEM file): the trust anchor of mutual TLS. Servers ask for
 *   client certificates and verify them against it; clients verify servers
 *   against it and present their own certificate.
 * - CASCADE_TLS_SERVICE_NAMES: comma-separated CNs that are Cascade services.
 */
export interface TlsSettings {
  cert?: Buffer;
  key?: Buffer;
  ca?: Buffer;
  serviceNames: readonly string[];
}

/** What a server needs: its own certificate, and the CA when client certificates count. */
export interface ServerTls {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  serviceNames: readonly string[];
}

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new Error(`${variable}: cannot read ${path}: ${(error as Error).message}`);
  }
}

function parseCertificate(variable: string, path: string, pem: Buffer): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch {
    throw new Error(`${variable}: ${path} holds no PEM certificate`);
  }
}

function parseKey(path: string, pem: Buffer): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch {
    throw new Error(`CASCADE_TLS_KEY: ${path} holds no PEM private key`);
  }
}

function serviceNames(raw: string | undefined): readonly string[] {
  if (raw === undefined || raw.trim() === '') return DEFAULT_SERVICE_NAMES;
  const names = raw.split(',').map((name) => name.trim());
  if (names.some((name) => name === ''))
    throw new Error(`CASCADE_TLS_SERVICE_NAMES: an empty name in "${raw}"`);
  return names;
}

/** Reads and checks the TLS variables; a service does not start with a broken setting. */
export function readTlsSettings(env: NodeJS.ProcessEnv): TlsSettings {
  const certPath = env.CASCADE_TLS_CERT || undefined;
  const keyPath = env.CASCADE_TLS_KEY || undefined;
  const caPath = env.CASCADE_TLS_CA || undefined;
  const settings: TlsSettings = { serviceNames: serviceNames(env.CASCADE_TLS_SERVICE_NAMES) };
  if (certPath && !keyPath)
    throw new Error('CASCADE_TLS_KEY: must be set with CASCADE_TLS_CERT (the certificate’s key)');
  if (keyPath && !certPath)
    throw new Error('CASCADE_TLS_CERT: must be set with CASCADE_TLS_KEY (the key’s certificate)');
  if (certPath && keyPath) {
    const cert = readPem('CASCADE_TLS_CERT', certPath);
    const key = readPem('CASCADE_TLS_KEY', keyPath);
    const certificate = parseCertificate('CASCADE_TLS_CERT', certPath, cert);
    if (!certificate.checkPrivateKey(parseKey(keyPath, key)))
      throw new Error(
        `CASCADE_TLS_KEY: ${keyPath} is not the private key of the certificate in ${certPath}`,
      );
    settings.cert = cert;
    settings.key = key;
  }
  if (caPath) {
    settings.ca = readPem('CASCADE_TLS_CA', caPath);
    parseCertificate('CASCADE_TLS_CA', caPath, settings.ca);
  }
  return settings;
}

let processSettings: TlsSettings | undefined;

/** This process's TLS settings, read from process.env on first use and kept. */
export function tlsSettings(): TlsSettings {
  processSettings ??= readTlsSettings(process.env);
  return processSettings;
}

/** The server side of the settings; undefined for cleartext. Mutual TLS needs the service's own certificate. */
export function serverTls(settings: TlsSettings): ServerTls | undefined {
  if (!settings.cert || !settings.key) {
    if (settings.ca)
      throw new Error(
        'CASCADE_TLS_CA: mutual TLS needs this service’s own certificate: set CASCADE_TLS_CERT and CASCADE_TLS_KEY',
      );
    return undefined;
  }
  return {
    cert: settings.cert,
    key: settings.key,
    ca: settings.ca,
    serviceNames: settings.serviceNames,
  };
}

/**
 * How a client of an https:// peer connects: it verifies the server against
 * CASCADE_TLS_CA (the system's trust store without it) and, under mutual TLS,
 * presents its own certificate.
 */
export function clientTls(settings: TlsSettings): SecureClientSessionOptions {
  if (!settings.ca) return {};
  if (!settings.cert || !settings.key) return { ca: settings.ca };
  return { ca: settings.ca, cert: settings.cert, key: settings.key };
}
