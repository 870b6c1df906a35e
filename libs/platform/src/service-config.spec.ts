import { peerUrl } from './service-config';

describe('peerUrl', () => {
  test('defaults to the service on this host, cleartext without TLS', () => {
    expect(peerUrl('rating', {})).toBe('http://127.0.0.1:50052');
    expect(peerUrl('metering', { METERING_PORT: '6001' })).toBe('http://127.0.0.1:6001');
  });

  test('defaults to https when TLS is configured', () => {
    expect(peerUrl('metering', { CASCADE_TLS_CERT: '/c.pem' })).toBe('https://127.0.0.1:50051');
    expect(peerUrl('invoicing', { CASCADE_TLS_CA: '/ca.pem' })).toBe('https://127.0.0.1:50053');
  });

  test('an explicit URL wins', () => {
    expect(
      peerUrl('metering', {
        CASCADE_TLS_CERT: '/c.pem',
        METERING_URL: 'https://metering.internal',
      }),
    ).toBe('https://metering.internal');
  });
});
