import { Code } from '@connectrpc/connect';
import { MikroORM } from '@mikro-orm/core';
import { ids, month, runBilling } from '../testing/fixtures';
import { describeEachDatabase, useHarness } from '../testing/harness';

describeEachDatabase('Prepaid credits', (kind) => {
  const harness = useHarness(kind);
  beforeEach(() => harness().peers.reset());

  it('never goes below zero when many invoices of one buyer finalize at once', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b'));
    h.peers.parents.set(t.b, t.s);
    // Twelve monthly invoices of 10.00 each against 45.00 of credits.
    await h.client.topUpCredits({
      sellerTenantId: t.s,
      buyerTenantId: t.b,
      amount: '45.00',
      currency: 'USD',
      idempotencyKey: 'k1',
    });
    for (let m = 1; m <= 12; m += 1) {
      const period = month(2025, m);
      h.peers.reset();
      h.peers.edge(t.s, t.b, period.start, period.end, {
        billingModel: 'PAYG',
        usage: [{ meterCode: 'compute.vcpu', quantity: '100', amount: '10' }],
      });
      await runBilling(h, period);
    }
    const drafts = (await h.client.listInvoices({ buyerTenantId: t.b })).invoices;
    expect(drafts.map((d) => d.creditsApplied)).toEqual(Array(12).fill('10.00'));

    const finalized = await Promise.all(drafts.map((d) => h.client.finalizeInvoice({ id: d.id })));

    const drawn = finalized.map((f) => f.creditsApplied).sort();
    expect(drawn).toEqual(
      [...Array(7).fill('0.00'), '10.00', '10.00', '10.00', '10.00', '5.00'].sort(),
    );
    for (const f of finalized) {
      const credit = f.lines.filter((l) => l.description === 'Prepaid credits applied');
      expect(credit.map((l) => l.amount)).toEqual(
        f.creditsApplied === '0.00' ? [] : [`-${f.creditsApplied}`],
      );
    }
    expect(
      await h.client.getCreditBalance({ sellerTenantId: t.s, buyerTenantId: t.b }),
    ).toMatchObject({
      currency: 'USD',
      balance: '0.00',
    });
    // The ledger agrees: one top-up, five draws, nothing else.
    const em = h.app.get(MikroORM).em.fork();
    const entries = (await em
      .getConnection()
      .execute(
        'select kind, cast(amount_minor as text) as amount_minor from credit_entry where buyer_tenant_id = ?',
        [t.b],
      )) as { kind: string; amount_minor: string }[];
    expect(entries.map((e) => `${e.kind} ${e.amount_minor}`).sort()).toEqual(
      ['DRAW -1000', 'DRAW -1000', 'DRAW -1000', 'DRAW -1000', 'DRAW -500', 'TOPUP 4500'].sort(),
    );
  });

  it('refuses a balance below zero in the database itself', async () => {
    const h = harness();
    const t = h.peers.tenants(ids('s', 'b'));
    h.peers.parents.set(t.b, t.s);
    await h.client.topUpCredits({
      sellerTenantId: t.s,
      buyerTenantId: t.b,
      amount: '1',
      currency: 'USD',
      idempotencyKey: 'k',
    });
    const em = h.app.get(MikroORM).em.fork();
    await expect(
      em
        .getConnection()
        .execute(
          'update credit_balance set balance_minor = balance_minor - 101 where buyer_tenant_id = ?',
          [t.b],
        ),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/check constraint|CHECK constraint/i),
    });
  });

  it('names the field of a bad top-up', async () => {
    const h = harness();
    h.peers.tenants({ s: 's', b: 'b', fresh: 'fresh' });
    const topUp = {
      sellerTenantId: 's',
      buyerTenantId: 'b',
      currency: 'USD',
      idempotencyKey: 'k',
      amount: '1',
    };
    const refused = (overrides: object, rawMessage: string) =>
      expect(h.client.topUpCredits({ ...topUp, ...overrides })).rejects.toMatchObject({
        code: Code.InvalidArgument,
        rawMessage,
      });
    await refused({ amount: '-1' }, 'amount: must be positive');
    await refused({ amount: '1e3' }, 'amount: must be a decimal string such as "12.5", got "1e3"');
    await refused({ currency: 'XXY' }, 'currency: unknown ISO 4217 currency "XXY"');
    await refused({ idempotencyKey: ' ' }, 'idempotency_key: is required');
    await refused({ buyerTenantId: '' }, 'buyer_tenant_id: is required');
    await refused(
      { currency: 'JPY', amount: '10.5' },
      'amount: JPY has 0 decimal places; got 10.5',
    );
    await refused(
      { sellerTenantId: '', amount: '0', idempotencyKey: '' },
      'seller_tenant_id: is required; amount: must be positive; idempotency_key: is required',
    );
    await expect(
      h.client.topUpCredits({ ...topUp, buyerTenantId: 'nobody' }),
    ).rejects.toMatchObject({ code: Code.NotFound, rawMessage: 'tenant "nobody" not found' });
    expect(
      await h.client.getCreditBalance({ sellerTenantId: 's', buyerTenantId: 'fresh' }),
    ).toMatchObject({
      currency: '',
      balance: '0',
    });
  });
});
