import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestCa, issueTestCertificate, CertificateFiles, TestCa } from '../testing';
import { clientTls, readTlsSettings, serverTls } from './tls-settings';

describe('TLS settings from the environment', () => {
  let dir: string;
  let ca: TestCa;
  let rating: CertificateFiles;
  let other: CertificateFiles;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-tls-settings-'));
    ca = createTestCa(dir, 'Settings CA');
    rating = issueTestCertificate(ca, 'cascade-rating');
    other = issueTestCertificate(ca, 'cascade-metering');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('nothing set is cleartext: no server TLS, clients use the system trust store', () => {
    const settings = readTlsSettings({});
    expect(settings).toEqual({
      serviceNames: ['cascade-metering', 'cascade-rating', 'cascade-invoicing'],
    });
    expect([serverTls(settings), clientTls(settings)]).toEqual([undefined, {}]);
  });

  test('certificate, key and CA: mutual TLS both ways', () => {
    const settings = readTlsSettings({
      CASCADE_TLS_CERT: rating.cert,
      CASCADE_TLS_KEY: rating.key,
      CASCADE_TLS_CA: ca.cert,
    });
    const server = serverTls(settings);
    expect(Object.keys(server ?? {}).sort()).toEqual(['ca', 'cert', 'key', 'serviceNames']);
    expect(Object.keys(clientTls(settings)).sort()).toEqual(['ca', 'cert', 'key']);
  });

  test('certificate and key without a CA: TLS, no client certificates either way', () => {
    const settings = readTlsSettings({
      CASCADE_TLS_CERT: rating.cert,
      CASCADE_TLS_KEY: rating.key,
    });
    expect(serverTls(settings)?.ca).toBeUndefined();
    expect(clientTls(settings)).toEqual({});
  });

  test('a CA alone verifies servers (a tool), but a service cannot serve mutual TLS with it', () => {
    const settings = readTlsSettings({ CASCADE_TLS_CA: ca.cert });
    expect(Object.keys(clientTls(settings))).toEqual(['ca']);
    expect(() => serverTls(settings)).toThrow(
      'CASCADE_TLS_CA: mutual TLS needs this service’s own certificate: set CASCADE_TLS_CERT and CASCADE_TLS_KEY',
    );
  });

  test('a certificate without its key, or a key without its certificate, is refused', () => {
    expect(() => readTlsSettings({ CASCADE_TLS_CERT: rating.cert })).toThrow(
      'CASCADE_TLS_KEY: must be set with CASCADE_TLS_CERT (the certificate’s key)',
    );
    expect(() => readTlsSettings({ CASCADE_TLS_KEY: rating.key })).toThrow(
      'CASCADE_TLS_CERT: must be set with CASCADE_TLS_KEY (the key’s certificate)',
    );
  });

  test('a missing file names the variable and the path', () => {
    const missing = path.join(dir, 'nope.pem');
    expect(() =>
      readTlsSettings({
        CASCADE_TLS_CERT: rating.cert,
        CASCADE_TLS_KEY: rating.key,
        CASCADE_TLS_CA: missing,
      }),
    ).toThrow(
      `CASCADE_TLS_CA: cannot read ${missing}: ENOENT: no such file or directory, open '${missing}'`,
    );
  });

  test('files that hold something else, or a key of another certificate, are refused', () => {
    expect(() =>
      readTlsSettings({ CASCADE_TLS_CERT: rating.key, CASCADE_TLS_KEY: rating.key }),
    ).toThrow(`CASCADE_TLS_CERT: ${rating.key} holds no PEM certificate`);
    expect(() =>
      readTlsSettings({ CASCADE_TLS_CERT: rating.cert, CASCADE_TLS_KEY: rating.cert }),
    ).toThrow(`CASCADE_TLS_KEY: ${rating.cert} holds no PEM private key`);
    expect(() =>
      readTlsSettings({ CASCADE_TLS_CERT: rating.cert, CASCADE_TLS_KEY: other.key }),
    ).toThrow(
      `CASCADE_TLS_KEY: ${other.key} is not the private key of the certificate in ${rating.cert}`,
    );
    expect(() => readTlsSettings({ CASCADE_TLS_CA: ca.key })).toThrow(
      `CASCADE_TLS_CA: ${ca.key} holds no PEM certificate`,
    );
  });

  test('CASCADE_TLS_SERVICE_NAMES: a comma-separated list, trimmed; an empty name is refused', () => {
    expect(readTlsSettings({ CASCADE_TLS_SERVICE_NAMES: ' a.example , b ' }).serviceNames).toEqual([
      'a.example',
      'b',
    ]);
    expect(() => readTlsSettings({ CASCADE_TLS_SERVICE_NAMES: 'a,,b' })).toThrow(
      'CASCADE_TLS_SERVICE_NAMES: an empty name in "a,,b"',
    );
  });
});
