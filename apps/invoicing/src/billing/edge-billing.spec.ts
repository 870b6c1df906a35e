import { Dec } from '@cascade/money';
import { mapConcurrent } from './concurrency';
import { groupEdges, hasPlan, invoiceInput, ratedCurrency } from './edge-billing';
import { RatedPart, RatedSpan } from './rating.gateway';
import { BillingEdge } from './tenant.gateway';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const APRIL = { start: d('2026-04-01'), end: d('2026-05-01') }; // 30 days

const edge = (seller: string, buyer: string, start: Date, end: Date): BillingEdge => ({
  sellerTenantId: seller,
  buyerTenantId: buyer,
  part: { start, end },
});

function span(fee: string, overrides: Partial<RatedSpan> = {}): RatedSpan {
  return {
    planId: 'plan',
    version: 1,
    billingModel: 'SUBSCRIPTION',
    interval: 'MONTHLY',
    subscriptionFee: new Dec(fee),
    from: APRIL.start,
    to: APRIL.end,
    ...overrides,
  };
}

const part = (e: BillingEdge, spans: RatedSpan[], currency = 'USD'): RatedPart => ({
  edge: e,
  currency,
  usageLines: [],
  spans,
});

describe('groupEdges', () => {
  it('puts every part of one seller → buyer edge in one group, in a stable order', () => {
    const groups = groupEdges([
      edge('b', 'x', d('2026-04-10'), d('2026-04-20')),
      edge('a', 'x', d('2026-04-20'), APRIL.end),
      edge('a', 'y', APRIL.start, APRIL.end),
      edge('a', 'x', APRIL.start, d('2026-04-10')),
    ]);
    expect(groups.map((g) => [g.sellerTenantId, g.buyerTenantId, g.edges.length])).toEqual([
      ['a', 'x', 2],
      ['a', 'y', 1],
      ['b', 'x', 1],
    ]);
  });
});

describe('invoiceInput', () => {
  it('bills fees for SUBSCRIPTION spans only, clipped to the edge part, prorated on the period', () => {
    const e = edge('a', 'x', d('2026-04-16'), APRIL.end);
    const group = groupEdges([e])[0];
    const input = invoiceInput(
      group,
      [part(e, [span('30'), span('999', { planId: 'payg', billingModel: 'PAYG' })])],
      APRIL,
      'USD',
    );
    expect(input.feeLines.map((l) => [l.planId, l.preciseAmount.toFixed(), l.from])).toEqual([
      ['plan', '15', d('2026-04-16')],
    ]);
    expect(input.period).toEqual(APRIL);
  });

  it('prorates a yearly fee against the year, never bills it whole every month', () => {
    const e = edge('a', 'x', APRIL.start, APRIL.end);
    const input = invoiceInput(
      groupEdges([e])[0],
      [part(e, [span('365', { interval: 'YEARLY' })])],
      APRIL,
      'USD',
    );
    expect(input.feeLines.map((l) => l.preciseAmount.toFixed())).toEqual(['30']);
  });
});

describe('plans and currencies', () => {
  const e = edge('a', 'x', APRIL.start, APRIL.end);

  it('has a plan when any part has a span', () => {
    expect(hasPlan([part(e, [])])).toBe(false);
    expect(hasPlan([part(e, []), part(e, [span('1')])])).toBe(true);
  });

  it('takes the currency rating named, and refuses two', () => {
    expect(ratedCurrency([part(e, [], ''), part(e, [], 'EUR')])).toBe('EUR');
    expect(ratedCurrency([part(e, [], '')])).toBeUndefined();
    expect(() => ratedCurrency([part(e, [], 'USD'), part(e, [], 'EUR')])).toThrow(
      'edge a -> x was rated in several currencies: USD, EUR',
    );
  });
});

describe('mapConcurrent', () => {
  it('keeps input order and the limit', async () => {
    let inFlight = 0;
    let most = 0;
    const result = await mapConcurrent([5, 1, 3, 2, 4], 2, async (n) => {
      most = Math.max(most, (inFlight += 1));
      await new Promise((resolve) => setTimeout(resolve, n));
      inFlight -= 1;
      return n * 10;
    });
    expect(result).toEqual([50, 10, 30, 20, 40]);
    expect(most).toBe(2);
  });

  it('starts nothing new after a failure and throws it', async () => {
    const started: number[] = [];
    await expect(
      mapConcurrent([1, 2, 3, 4], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });
});
