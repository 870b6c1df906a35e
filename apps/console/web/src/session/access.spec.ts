import { canManage, homeTenant, visiblePath } from './access';
import type { Principal } from './session-api';

const key = (role: 'ADMIN' | 'VIEWER'): Principal => ({
  kind: 'key',
  tenantId: 'reseller',
  role,
  path: ['provider', 'distributor', 'reseller'],
  keyId: 'k',
});

describe('what the page offers a principal (the API decides; this only hides)', () => {
  it('starts a key at its tenant and the operator at every tree', () => {
    expect(homeTenant(key('VIEWER'))).toBe('reseller');
    expect(homeTenant({ kind: 'operator' })).toBeUndefined();
  });

  it('offers changes to an admin of the seller or above, never to a viewer or the buyer', () => {
    expect(canManage(key('ADMIN'), ['provider', 'distributor', 'reseller'])).toBe(true);
    expect(canManage(key('ADMIN'), ['provider', 'distributor', 'reseller', 'sub'])).toBe(true);
    expect(canManage(key('VIEWER'), ['provider', 'distributor', 'reseller'])).toBe(false);
    expect(canManage(key('ADMIN'), undefined)).toBe(false);
    expect(canManage({ kind: 'operator' }, undefined)).toBe(true);
  });

  it('shows breadcrumbs from the key’s own tenant down', () => {
    expect(visiblePath(key('ADMIN'), ['provider', 'distributor', 'reseller', 'customer'])).toEqual([
      'reseller',
      'customer',
    ]);
    expect(visiblePath(key('ADMIN'), ['other'])).toEqual([]);
    expect(visiblePath({ kind: 'operator' }, ['a', 'b'])).toEqual(['a', 'b']);
  });
});
