import { checkOptions, UsageClientOptions } from './client-options';

const base: UsageClientOptions = {
  meteringUrl: 'https://metering.example:50051',
  token: 'key',
  spoolDir: '/var/spool/sdk',
  source: 'test',
};
const PEM = '-----BEGIN CERTIFICATE-----';

describe('checkOptions: tls', () => {
  it.each<[string, Partial<UsageClientOptions>]>([
    ['https without tls (the system trust store)', {}],
    ['https with a CA', { tls: { ca: PEM } }],
    ['https with a client certificate and its key', { tls: { cert: PEM, key: Buffer.from('k') } }],
    ['http without tls', { meteringUrl: 'http://127.0.0.1:50051' }],
  ])('accepts %s', (_, options) => {
    expect(() => checkOptions({ ...base, ...options })).not.toThrow();
  });

  it.each<[string, Partial<UsageClientOptions>, string]>([
    [
      'tls with an http:// URL',
      { meteringUrl: 'http://127.0.0.1:50051', tls: { ca: PEM } },
      'tls: needs an https:// meteringUrl, not http://127.0.0.1:50051',
    ],
    [
      'a certificate without its key',
      { tls: { ca: PEM, cert: PEM } },
      'tls.key: is required with tls.cert (the certificate’s key)',
    ],
    [
      'a key without its certificate',
      { tls: { key: PEM } },
      'tls.cert: is required with tls.key (the key’s certificate)',
    ],
  ])('refuses %s', (_, options, message) => {
    expect(() => checkOptions({ ...base, ...options })).toThrow(new RangeError(message));
  });
});
