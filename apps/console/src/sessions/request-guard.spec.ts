import { sameSecret } from './key-check';
import { csrfMatches, originAllowed } from './request-guard';

describe('cross-site request checks', () => {
  it('allows the console’s own origin and configured ones only', () => {
    const host = '127.0.0.1:8080';
    expect(originAllowed('http://127.0.0.1:8080', host, [])).toBe(true);
    expect(originAllowed('https://127.0.0.1:8080', host, [])).toBe(true);
    expect(originAllowed('https://console.example', host, ['https://console.example'])).toBe(true);
    expect(originAllowed('http://evil.example', host, [])).toBe(false);
    expect(originAllowed('http://127.0.0.1:8081', host, [])).toBe(false);
    expect(originAllowed(undefined, host, [])).toBe(false);
    expect(originAllowed('null', host, [])).toBe(false);
  });

  it('wants the exact CSRF token in one header', () => {
    expect(csrfMatches('abc', 'abc')).toBe(true);
    expect(csrfMatches('abd', 'abc')).toBe(false);
    expect(csrfMatches('ab', 'abc')).toBe(false);
    expect(csrfMatches(undefined, 'abc')).toBe(false);
    expect(csrfMatches(['abc', 'abc'], 'abc')).toBe(false);
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('operator-token', 'operator-token')).toBe(true);
    expect(sameSecret('operator-token', 'operator-token2')).toBe(false);
  });
});
