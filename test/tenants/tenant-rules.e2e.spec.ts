// The tenant rules through the public API, on SQLite and PostgreSQL: a buyer
// in its seller's currency, closing is final and stops usage from closed_at
// on, usage stamped beyond the clock skew is refused, updates refuse unknown
// JSON fields and enum names, and ListTenants pages are full until the last.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  Aggregation,
  MeterService,
  TenantKind,
  TenantService,
  TenantStatus,
  UsageService,
} from '@cascade/contracts';
import { BACKENDS, Cascade, connectJson, ConnectClients, startCascade } from '../support';

const METER = 'rule.calls';

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`tenant rules on ${label}`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    const tenants = () => operator.client('metering', TenantService);
    const usage = () => operator.client('metering', UsageService);
    const create = (externalRef: string, parentId: string, currency = 'USD') =>
      tenants().createTenant({
        parentId,
        externalRef,
        name: externalRef,
        kind: parentId ? TenantKind.CUSTOMER : TenantKind.PROVIDER,
        currency,
      });
    const record = async (tenantId: string, id: string, at: Date) => {
      const answer = await usage().recordUsage({
        events: [
          { id, tenantId, meterCode: METER, quantity: '1', timestamp: timestampFromDate(at) },
        ],
      });
      return answer.accepted === 1 ? 'accepted' : answer.rejected.map((r) => r.reason).join();
    };
    let root: string;

    beforeAll(async () => {
      cascade = await startCascade({ database, services: ['metering'] });
      operator = new ConnectClients(cascade.urls);
      await operator.client('metering', MeterService).createMeter({
        code: METER,
        name: 'calls',
        unit: 'call',
        aggregation: Aggregation.SUM,
      });
      root = (await create('rules-root', '')).id;
    }, 120_000);

    afterAll(async () => {
      operator?.close();
      await cascade?.stop();
    }, 60_000);

    test('a buyer is in its seller currency: create and move elsewhere are refused', async () => {
      const refused = await operator.call('metering', TenantService.method.createTenant, {
        parentId: root,
        externalRef: 'rules-eur',
        name: 'EUR',
        kind: TenantKind.CUSTOMER,
        currency: 'EUR',
      });
      expect([refused.code, refused.message]).toEqual([
        'FAILED_PRECONDITION',
        "currency: EUR is not its parent's currency USD; a seller sells only in its own currency",
      ]);
      const euroRoot = await create('rules-eur-root', '', 'EUR');
      const mover = await create('rules-mover', root);
      const moved = await operator.call('metering', TenantService.method.moveTenant, {
        id: mover.id,
        newParentId: euroRoot.id,
        effectiveAt: timestampFromDate(new Date('2026-11-01T00:00:00Z')),
      });
      expect([moved.code, moved.message]).toEqual([
        'FAILED_PRECONDITION',
        "currency: USD is not its parent's currency EUR; a seller sells only in its own currency",
      ]);
    });

    test('closing stamps closed_at: usage from then on is refused, and closed is final', async () => {
      const seller = await create('rules-seller', root);
      const buyer = await create('rules-buyer', seller.id);
      const early = await operator.call('metering', TenantService.method.updateTenant, {
        id: seller.id,
        status: TenantStatus.CLOSED,
      });
      expect([early.code, early.message]).toEqual([
        'FAILED_PRECONDITION',
        'status: tenant "rules-seller" still has open children ("rules-buyer"); close or move them first',
      ]);
      const before = new Date(Date.now() - 60_000);
      const closed = await tenants().updateTenant({ id: buyer.id, status: TenantStatus.CLOSED });
      expect(closed.status).toBe(TenantStatus.CLOSED);
      const closedAt = new Date(Date.now());
      expect(await record(buyer.id, 'before-close', before)).toBe('accepted');
      const after = await record(buyer.id, 'after-close', closedAt);
      expect(after).toMatch(
        new RegExp(`^timestamp: tenant "${buyer.id}" closed at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`),
      );
      const reopened = await operator.call('metering', TenantService.method.updateTenant, {
        id: buyer.id,
        status: TenantStatus.ACTIVE,
      });
      expect(reopened.code).toBe('FAILED_PRECONDITION');
      expect(reopened.message).toMatch(
        /^status: tenant "rules-buyer" was closed at .+; closing is final$/,
      );
      const under = await operator.call('metering', TenantService.method.createTenant, {
        parentId: buyer.id,
        externalRef: 'rules-under-closed',
        name: 'x',
        kind: TenantKind.CUSTOMER,
        currency: 'USD',
      });
      expect([under.code, under.message]).toEqual([
        'FAILED_PRECONDITION',
        'parent_id: tenant "rules-buyer" is closed',
      ]);
      expect((await tenants().getTenant({ id: buyer.id })).status).toBe(TenantStatus.CLOSED);
    });

    test('usage stamped more than 5 minutes ahead of the clock is refused', async () => {
      const tenant = await create('rules-clock', root);
      expect(await record(tenant.id, 'soon', new Date(Date.now() + 60_000))).toBe('accepted');
      const far = new Date(Date.now() + 10 * 60_000);
      const refused = await record(tenant.id, 'far', far);
      expect(refused).toMatch(
        new RegExp(
          `^timestamp: ${far.toISOString()} is more than 5 minutes ahead of the server's clock \\(.+Z\\)$`,
        ),
      );
    });

    test('unknown JSON fields and enum names are refused naming them, and change nothing', async () => {
      const tenant = await create('rules-json', root);
      const path = 'cascade.metering.v1.TenantService/UpdateTenant';
      const typo = await connectJson(cascade.urls.metering, path, {
        id: tenant.id,
        status: 'TENANT_STATUS_SUSPENDD',
      });
      expect([typo.status, typo.body]).toEqual([
        400,
        {
          code: 'invalid_argument',
          message:
            'status: "TENANT_STATUS_SUSPENDD" is not a cascade.metering.v1.TenantStatus value',
        },
      ]);
      const unknown = await connectJson(cascade.urls.metering, path, { id: tenant.id, nmae: 'x' });
      expect([unknown.status, unknown.body]).toEqual([
        400,
        {
          code: 'invalid_argument',
          message: 'nmae: no such field in cascade.metering.v1.UpdateTenantRequest',
        },
      ]);
      expect(await tenants().getTenant({ id: tenant.id })).toMatchObject({
        name: 'rules-json',
        status: TenantStatus.ACTIVE,
      });
    });

    test('an update changes what it names and nothing else, by mask or by setting it', async () => {
      const tenant = await create('rules-mask', root);
      await tenants().updateTenant({ id: tenant.id, name: 'Renamed' });
      await tenants().updateTenant({ id: tenant.id, status: TenantStatus.SUSPENDED });
      expect(await tenants().getTenant({ id: tenant.id })).toMatchObject({
        name: 'Renamed',
        status: TenantStatus.SUSPENDED,
      });
      const masked = await tenants().updateTenant({
        id: tenant.id,
        name: 'Not this',
        status: TenantStatus.ACTIVE,
        updateMask: { paths: ['status'] },
      });
      expect(masked).toMatchObject({ name: 'Renamed', status: TenantStatus.ACTIVE });
      const path = 'cascade.metering.v1.TenantService/UpdateTenant';
      const json = await connectJson(cascade.urls.metering, path, {
        id: tenant.id,
        name: 'By JSON',
        status: 'TENANT_STATUS_SUSPENDED',
        updateMask: 'name',
      });
      expect([json.status, (json.body as { name: string; status: string }).status]).toEqual([
        200,
        'TENANT_STATUS_ACTIVE',
      ]);
      const refusals = await Promise.all(
        [
          { id: tenant.id, updateMask: { paths: ['nmae'] } },
          { id: tenant.id, updateMask: { paths: ['name', 'status'] } },
          { id: '', name: ' ', status: 9, updateMask: { paths: ['name', 'status'] } },
        ].map((req) => operator.call('metering', TenantService.method.updateTenant, req)),
      );
      expect(refusals.map((r) => [r.code, r.message])).toEqual([
        ['INVALID_ARGUMENT', 'update_mask: unknown field "nmae": one of name, status'],
        ['INVALID_ARGUMENT', 'name: is required; status: must be ACTIVE, SUSPENDED or CLOSED'],
        [
          'INVALID_ARGUMENT',
          'id: is required; name: is required; status: must be ACTIVE, SUSPENDED or CLOSED',
        ],
      ]);
      expect(await tenants().getTenant({ id: tenant.id })).toMatchObject({
        name: 'By JSON',
        status: TenantStatus.ACTIVE,
      });
    });

    test('CreateTenant and MoveTenant name every invalid field at once', async () => {
      const refused = await operator.call('metering', TenantService.method.createTenant, {
        parentId: root,
        externalRef: ' ',
        name: 'x'.repeat(256),
        kind: TenantKind.UNSPECIFIED,
        currency: 'usd',
      });
      expect([refused.code, refused.message]).toEqual([
        'INVALID_ARGUMENT',
        'external_ref: is required; name: must be at most 255 characters; ' +
          'kind: must be PROVIDER, DISTRIBUTOR, RESELLER or CUSTOMER; ' +
          'currency: unknown ISO 4217 currency code "usd"',
      ]);
      const move = await operator.call('metering', TenantService.method.moveTenant, { id: root });
      expect([move.code, move.message]).toEqual([
        'INVALID_ARGUMENT',
        'new_parent_id: is required; effective_at: is required',
      ]);
    });

    test('ListTenants pages are full until the last', async () => {
      const parent = await create('rules-pages', root);
      for (let i = 0; i < 5; i += 1) await create(`rules-page-${i}`, parent.id);
      const sizes: number[] = [];
      let pageToken = '';
      do {
        const page = await tenants().listTenants({
          parentId: parent.id,
          recursive: true,
          pageSize: 2,
          pageToken,
        });
        sizes.push(page.tenants.length);
        pageToken = page.nextPageToken;
      } while (pageToken);
      expect(sizes).toEqual([2, 2, 1]);
    });
  });
}
