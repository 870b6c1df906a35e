import { decodeForwarded, encodeForwarded, KeyPrincipal, OPERATOR, withinScope } from './principal';
import { bearerToken, formatApiKey, newSecret, parseApiKey, sameSecret } from './secrets';

const key: KeyPrincipal = {
  kind: 'key',
  keyId: 'k1',
  tenantId: 'a',
  role: 'VIEWER',
  path: '/root/a/',
};

describe('principals', () => {
  it('round-trips a forwarded caller through its header value', () => {
    expect(decodeForwarded(encodeForwarded(key))).toEqual(key);
    expect(decodeForwarded(encodeForwarded(OPERATOR))).toEqual(OPERATOR);
  });

  it('refuses a forwarded value that is not a caller', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(decodeForwarded('%%%')).toBeUndefined();
    expect(decodeForwarded(encode({ kind: 'service' }))).toBeUndefined();
    expect(decodeForwarded(encode({ ...key, role: 'ROOT' }))).toBeUndefined();
    expect(decodeForwarded(encode({ ...key, path: 'root/a' }))).toBeUndefined();
    expect(decodeForwarded(encode(null))).toBeUndefined();
  });

  it('scopes a key to its own subtree by path prefix', () => {
    expect(withinScope(key, '/root/a/')).toBe(true);
    expect(withinScope(key, '/root/a/a1/')).toBe(true);
    expect(withinScope(key, '/root/')).toBe(false);
    expect(withinScope(key, '/root/ab/')).toBe(false);
    expect(withinScope(key, '/root/b/')).toBe(false);
    expect(withinScope(OPERATOR, '/other/')).toBe(true);
    expect(withinScope({ kind: 'service' }, '/other/')).toBe(true);
  });
});

describe('secrets', () => {
  it('reads the token of a bearer header only', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken('')).toBeUndefined();
    expect(bearerToken(null)).toBeUndefined();
  });

  it('compares secrets exactly, whatever their lengths', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sameSecret(secret, secret)).toBe(true);
    expect(sameSecret(`${secret}x`, secret)).toBe(false);
    expect(sameSecret(secret.slice(1), secret)).toBe(false);
    expect(sameSecret('', secret)).toBe(false);
  });

  it('formats and parses API keys, and nothing else as one', () => {
    const id = '0b6f3c1e-4d2a-4f7b-9c1d-2e3f4a5b6c7d';
    const secret = newSecret();
    expect(parseApiKey(formatApiKey(id, secret))).toEqual({ id, secret });
    expect(parseApiKey(`cascade.${id}.${secret}x`)).toBeUndefined();
    expect(parseApiKey(`cascade.${id}`)).toBeUndefined();
    expect(parseApiKey(secret)).toBeUndefined();
  });
});
