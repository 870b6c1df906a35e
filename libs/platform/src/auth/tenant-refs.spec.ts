import { OPERATOR } from './principal';
import type { KeyPrincipal } from './principal';
import type { TenantResolver } from './resolvers';
import { resolveTenantRefs } from './tenant-refs';

/** A tree root → east → cust, and root → west, by external_ref. */
const PATHS: Record<string, string> = {
  root: '/r/',
  east: '/r/e/',
  cust: '/r/e/c/',
  west: '/r/w/',
};
const resolver: TenantResolver = {
  pathOf: async (ref) => (ref.externalRef ? PATHS[ref.externalRef] : undefined),
};
const eastKey: KeyPrincipal = {
  kind: 'key',
  keyId: 'k',
  tenantId: 'e',
  role: 'ADMIN',
  path: '/r/e/',
};

describe('ref:<external_ref> in tenant id fields', () => {
  it('rewrites every tenant id field and leaves other fields (plural names, names, ids elsewhere) alone', async () => {
    const request = {
      buyerTenantId: 'ref:cust',
      parentId: 'ref:root',
      sellerTenantIds: ['ref:east'],
      tenantId: 'c',
      name: 'ref:east',
      id: 'ref:west',
    };
    await resolveTenantRefs(
      'cascade.rating.v1.PlanService/AssignPlan',
      request,
      OPERATOR,
      resolver,
    );
    expect(request).toEqual({
      buyerTenantId: 'c',
      parentId: 'r',
      sellerTenantIds: ['ref:east'],
      tenantId: 'c',
      name: 'ref:east',
      id: 'ref:west',
    });
    const tenant = { id: 'ref:west' };
    await resolveTenantRefs(
      'cascade.metering.v1.TenantService/GetTenant',
      tenant,
      OPERATOR,
      resolver,
    );
    expect(tenant).toEqual({ id: 'w' });
  });

  it('resolves within the caller’s subtree only: outside it a ref names nothing', async () => {
    const own = { buyerTenantId: 'ref:cust' };
    await resolveTenantRefs('x/Y', own, eastKey, resolver);
    expect(own).toEqual({ buyerTenantId: 'c' });
    for (const ref of ['ref:west', 'ref:ghost', 'ref:'])
      await expect(
        resolveTenantRefs('x/Y', { sellerTenantId: ref }, eastKey, resolver),
      ).rejects.toMatchObject({
        kind: 'NOT_FOUND',
        message: `seller_tenant_id: no tenant with external_ref ${JSON.stringify(ref.slice(4))}`,
      });
  });
});
