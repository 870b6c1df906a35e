import { Dec } from '@cascade/money';
import { hasPlan, invoiceInput, ratedCurrency } from './edge-billing';
import { batched, overlapped } from './pipeline';
import { RatedGroup, ratedGroups } from './rated-groups';
import { RatedPart, RatedSpan } from './rating.gateway';

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const APRIL = { start: d('2026-04-01'), end: d('2026-05-01') }; // 30 days
const MAY = { start: d('2026-05-01'), end: d('2026-06-01') };

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

function part(
  seller: string,
  buyer: string,
  spans: RatedSpan[],
  range = APRIL,
  currency = 'USD',
): RatedPart {
  return {
    edge: { sellerTenantId: seller, buyerTenantId: buyer, part: range },
    currency,
    usageLines: [],
    spans,
  };
}

async function* from<T>(items: readonly T[]): AsyncGenerator<T> {
  yield* items;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('ratedGroups', () => {
  it('groups a buyer’s parts per seller as the stream flows, sellers in order', async () => {
    const groups = await collect(
      ratedGroups(
        from([part('b', 'x', []), part('a', 'x', []), part('a', 'x', []), part('a', 'y', [])]),
      ),
    );
    expect(groups.map((g) => [g.sellerTenantId, g.buyerTenantId, g.parts.length])).toEqual([
      ['a', 'x', 2],
      ['b', 'x', 1],
      ['a', 'y', 1],
    ]);
  });

  it('refuses a buyer streamed twice apart: its invoice would be incomplete', async () => {
    const stream = ratedGroups(from([part('a', 'x', []), part('a', 'y', []), part('a', 'x', [])]));
    await expect(collect(stream)).rejects.toThrow(
      'rating streamed buyer x twice, not together: its invoice would be incomplete',
    );
  });
});

describe('invoiceInput', () => {
  const group = (...parts: RatedPart[]): RatedGroup => ({
    sellerTenantId: 'a',
    buyerTenantId: 'x',
    parts,
  });
  const terms = { period: APRIL, next: MAY, currency: 'USD', billedFees: [], adjustments: [] };

  it('bills fees for SUBSCRIPTION spans only, clipped to the edge part, next period in advance', () => {
    const input = invoiceInput(
      group(
        part('a', 'x', [span('30'), span('999', { planId: 'payg', billingModel: 'PAYG' })], {
          start: d('2026-04-16'),
          end: APRIL.end,
        }),
      ),
      terms,
    );
    expect(input.feeLines.map((l) => [l.planId, l.preciseAmount.toFixed(), l.from, l.to])).toEqual([
      ['plan', '15', d('2026-04-16'), APRIL.end],
      ['plan', '30', MAY.start, MAY.end],
    ]);
    expect(input.period).toEqual(APRIL);
  });

  it('prorates a yearly fee in installments of the year, never bills it whole every month', () => {
    const input = invoiceInput(group(part('a', 'x', [span('365', { interval: 'YEARLY' })])), terms);
    expect(input.feeLines.map((l) => l.preciseAmount.toFixed())).toEqual(['30', '31']);
  });

  it('stops the fee at a cancellation and passes tax, credits and adjustments on', () => {
    const input = invoiceInput(group(part('a', 'x', [span('30')])), {
      ...terms,
      cancelAt: d('2026-04-21'),
      taxRate: new Dec('0.2'),
      availableCredits: new Dec('5'),
    });
    expect(input.feeLines.map((l) => l.preciseAmount.toFixed())).toEqual(['20']);
    expect([input.taxRate?.toFixed(), input.availableCredits?.toFixed()]).toEqual(['0.2', '5']);
  });
});

describe('plans and currencies', () => {
  it('has a plan when any part has a span', () => {
    expect(hasPlan([part('a', 'x', [])])).toBe(false);
    expect(hasPlan([part('a', 'x', []), part('a', 'x', [span('1')])])).toBe(true);
  });

  it('takes the currency rating named, and refuses two', () => {
    expect(ratedCurrency([part('a', 'x', [], APRIL, ''), part('a', 'x', [], APRIL, 'EUR')])).toBe(
      'EUR',
    );
    expect(ratedCurrency([part('a', 'x', [], APRIL, '')])).toBeUndefined();
    expect(() =>
      ratedCurrency([part('a', 'x', [], APRIL, 'USD'), part('a', 'x', [], APRIL, 'EUR')]),
    ).toThrow('edge a -> x was rated in several currencies: USD, EUR');
  });
});

describe('batched and overlapped', () => {
  it('batches a stream, the last batch shorter', async () => {
    expect(await collect(batched(from([1, 2, 3, 4, 5]), 2))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('reads the next item while the previous one is handled, handling in order', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    async function* source() {
      for (const n of [1, 2, 3]) {
        log.push(`read ${n}`);
        yield n;
      }
    }
    const handled = overlapped(source(), async (n) => {
      log.push(`start ${n}`);
      if (n === 1) await new Promise<void>((resolve) => (release = resolve));
      log.push(`end ${n}`);
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['read 1', 'start 1', 'read 2']);
    release();
    await handled;
    expect(log).toEqual([
      'read 1',
      'start 1',
      'read 2',
      'end 1',
      'start 2',
      'end 2',
      'read 3',
      'start 3',
      'end 3',
    ]);
  });

  it('finishes the batch in hand, then throws the stream’s failure', async () => {
    const done: number[] = [];
    async function* failing() {
      yield 1;
      throw new Error('stream broke');
    }
    await expect(
      overlapped(failing(), async (n) => {
        await new Promise((resolve) => setImmediate(resolve));
        done.push(n);
      }),
    ).rejects.toThrow('stream broke');
    expect(done).toEqual([1]);
  });
});
