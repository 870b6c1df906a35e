import { specGrpcMessage } from './grpc-message';

describe('grpc-message encoding', () => {
  it.each([
    ['period_end%3A%20must%20be%20after%20period_start', 'period_end: must be after period_start'],
    ['tenant%3A%20unknown%20tenant%20%22x%2Fy%22', 'tenant: unknown tenant "x/y"'],
    ['100%25%20sure', '100%25 sure'],
    ['caf%C3%A9', 'caf%C3%A9'],
  ])('re-encodes %s as %s', (connect, spec) => {
    expect(specGrpcMessage(connect)).toBe(spec);
  });

  it('reads back the same text through the decoders grpc-js and Connect use', () => {
    const text = 'charges[0].tiers: last tier must be open; 5% off “café”';
    const spec = specGrpcMessage(encodeURIComponent(text));
    expect([decodeURI(spec), decodeURIComponent(spec)]).toEqual([text, text]);
  });
});
