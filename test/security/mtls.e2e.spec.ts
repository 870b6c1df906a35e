// The three services on mutual TLS with certificates made here by the openssl
// CLI: billing crosses invoicing → rating → metering over TLS with exact
// amounts; cleartext does not reach a TLS port; the service token with a
// forwarded identity is refused unless the connection presented a verified
// certificate naming a Cascade service (none, another CA's, an expired one or
// a verified non-service one is not enough), and such a certificate with the
// token is the SERVICE principal.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CertificateFiles,
  createTestCa,
  issueTestCertificate,
  TestCa,
} from '@cascade/platform/testing';
import {
  Cascade,
  CascadeClients,
  CascadeTls,
  grpcClients,
  isServing,
  Message,
  serviceCertificates,
  startCascade,
  timestamp,
} from '../support';

const OCTOBER = {
  period_start: timestamp('2026-10-01T00:00:00Z'),
  period_end: timestamp('2026-11-01T00:00:00Z'),
};
/** The forwarded-identity header claiming the installation operator. */
const AS_OPERATOR = {
  'x-cascade-principal': Buffer.from('{"kind":"operator"}').toString('base64url'),
};
const SERVICE_TOKEN_REFUSED =
  'authorization: the service token needs a verified Cascade service certificate (mutual TLS)';

describe('mutual TLS between the services', () => {
  let dir: string;
  let authority: TestCa;
  let tls: CascadeTls;
  let cascade: Cascade;
  let operator: CascadeClients;
  const opened: CascadeClients[] = [];

  /** Clients with `token` that trust the test CA and present `certificate` if given. */
  function clients(token: string | null, certificate?: CertificateFiles): CascadeClients {
    const api = grpcClients(cascade.urls, { token, tls: { ca: tls.ca, ...certificate } });
    opened.push(api);
    return api;
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cascade-mtls-'));
    ({ authority, tls } = serviceCertificates(dir));
    cascade = await startCascade({ database: 'sqlite', tls });
    operator = clients(cascade.adminToken);
  }, 120_000);

  afterAll(async () => {
    for (const api of opened) api.close();
    await cascade?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  test('billing crosses invoicing → rating → metering over mutual TLS, exact to the cent', async () => {
    const tenant = (parent: Message | undefined, ref: string, kind: string) =>
      operator.tenants.CreateTenant({
        parent_id: parent?.id ?? '',
        external_ref: ref,
        name: ref,
        kind,
        currency: 'USD',
      });
    const provider = await tenant(undefined, 'tls-provider', 'TENANT_KIND_PROVIDER');
    const customer = await tenant(provider, 'tls-customer', 'TENANT_KIND_CUSTOMER');
    await operator.meters.CreateMeter({
      code: 'tls.calls',
      name: 'calls',
      unit: 'call',
      aggregation: 'AGGREGATION_SUM',
    });
    const plan = await operator.plans.CreatePlan({
      seller_tenant_id: provider.id,
      code: 'tls-retail',
      name: 'retail',
      currency: 'USD',
      billing_model: 'BILLING_MODEL_PAYG',
      interval: 'INTERVAL_MONTHLY',
      charges: [{ meter_code: 'tls.calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: '0.0125' }],
    });
    await operator.plans.AssignPlan({
      buyer_tenant_id: customer.id,
      plan_id: plan.id,
      effective_from: timestamp('2026-01-01T00:00:00Z'),
    });
    await operator.usage.RecordUsage({
      events: [
        {
          id: 'tls-1',
          tenant_id: customer.id,
          meter_code: 'tls.calls',
          quantity: '1233.5',
          timestamp: timestamp('2026-10-03T10:00:00Z'),
        },
      ],
    });

    const run = await operator.invoices.RunBilling(OCTOBER);
    const invoice = await operator.invoices.GetInvoice({ id: run.invoice_ids[0] });
    // 1233.5 calls × 0.0125 = 15.41875 → 15.42
    expect([
      run.invoice_ids.length,
      invoice.seller_tenant_id,
      invoice.buyer_tenant_id,
      invoice.lines.map((l: Message) => [l.meter_code, l.quantity, l.amount]),
      invoice.total,
    ]).toEqual([1, provider.id, customer.id, [['tls.calls', '1233.5', '15.42']], '15.42']);

    // An API key on rating: rating asks metering's Authenticate, a service-only RPC.
    const { secret } = await operator.apiKeys.CreateApiKey({
      tenant_id: provider.id,
      role: 'ROLE_VIEWER',
      name: 'tls viewer',
    });
    const viewer = clients(secret);
    const plans = await viewer.plans.ListPlans({ seller_tenant_id: provider.id });
    expect(plans.plans.map((p: Message) => p.code)).toEqual(['tls-retail']);
  });

  test('a cleartext client does not reach a TLS port', async () => {
    const cleartext = grpcClients(cascade.urls, { token: cascade.adminToken });
    opened.push(cleartext);
    await expect(cleartext.meters.ListMeters({}, { timeoutMs: 5_000 })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(await isServing(cascade.urls.metering.replace('https:', 'http:'))).toBe(false);
    expect(await isServing(cascade.urls.metering, 2_000, { ca: tls.ca })).toBe(true);
  });

  describe('the service token with a forwarded identity, straight to metering', () => {
    let key: string;
    let rogue: CertificateFiles;
    let expired: CertificateFiles;
    let tool: CertificateFiles;

    beforeAll(async () => {
      const root = await operator.tenants.CreateTenant({
        external_ref: 'tls-keys',
        name: 'keys',
        kind: 'TENANT_KIND_PROVIDER',
        currency: 'USD',
      });
      key = (
        await operator.apiKeys.CreateApiKey({
          tenant_id: root.id,
          role: 'ROLE_VIEWER',
          name: 'looked up',
        })
      ).secret;
      const rogueCa = createTestCa(dir, 'Rogue CA');
      rogue = issueTestCertificate(rogueCa, 'cascade-invoicing');
      expired = issueTestCertificate(authority, 'cascade-rating', {
        days: -1,
        file: 'expired-rating',
      });
      tool = issueTestCertificate(authority, 'billing-tool');
    });

    test('is refused without a client certificate, with another CA’s, an expired or a non-service one', async () => {
      const outcomes = [];
      for (const certificate of [undefined, rogue, expired, tool]) {
        const service = clients(cascade.serviceToken, certificate);
        const refusal = await service.apiKeys
          .Authenticate({ token: key }, { metadata: AS_OPERATOR })
          .catch((error: Message) => error);
        outcomes.push([refusal.code, refusal.details]);
      }
      expect(outcomes).toEqual(Array(4).fill(['UNAUTHENTICATED', SERVICE_TOKEN_REFUSED]));
    });

    test('is the SERVICE principal on a verified service certificate', async () => {
      const rating = clients(cascade.serviceToken, tls.certificates.rating);
      const principal = await rating.apiKeys.Authenticate(
        { token: key },
        { metadata: AS_OPERATOR },
      );
      expect([principal.role, principal.path.length]).toEqual(['ROLE_VIEWER', 1]);
    });

    test('a service certificate is no credential by itself, and another token keeps its own rights', async () => {
      const noToken = clients(null, tls.certificates.rating);
      await expect(noToken.meters.ListMeters({})).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
        details: 'authorization: a "Bearer <token>" header is required',
      });
      const asOperator = clients(cascade.adminToken, tls.certificates.rating);
      await expect(
        asOperator.apiKeys.Authenticate({ token: key }, { metadata: AS_OPERATOR }),
      ).rejects.toMatchObject({
        code: 'PERMISSION_DENIED',
        details:
          'cascade.metering.v1.ApiKeyService/Authenticate: only Cascade services may call it',
      });
      const toolAsViewer = clients(key, tool);
      await expect(
        toolAsViewer.meters.CreateMeter(
          { code: 'forged', name: 'forged', unit: 'x', aggregation: 'AGGREGATION_SUM' },
          { metadata: AS_OPERATOR },
        ),
      ).rejects.toMatchObject({
        code: 'PERMISSION_DENIED',
        details:
          'cascade.metering.v1.MeterService/CreateMeter: an API key with role VIEWER may not call it',
      });
      const meters = await clients(cascade.adminToken, tool).meters.ListMeters({});
      expect(meters.meters.map((m: Message) => m.code)).toEqual(['tls.calls']);
    });
  });
});
