// RateTree for named buyers only (buyer_tenant_ids): what invoicing asks once per
// distinct anniversary period. Over a window that is no calendar month, a buyer that
// moved inside it gets a part from each seller, priced as the unfiltered pass prices
// it — whether the pass reads each meter for the whole tree (many buyers named) or
// edge by edge (a few); unknown ids are refused before anything streams. On SQLite
// and PostgreSQL.
import { BACKENDS, Message, readServerStream, timestamp } from './support';
import { assign, perUnit, plan, sumMeter, tenant, usage, useCascade } from './stories/support';

const RATE_TREE = 'cascade.rating.v1.RatingService/RateTree';
// An anniversary period of 31 days.
const PERIOD = {
  period_start: timestamp('2026-10-10T00:00:00Z'),
  period_end: timestamp('2026-11-10T00:00:00Z'),
};
const SINCE = '2026-01-01T00:00:00Z';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`RateTree for named buyers on ${label}`, () => {
    const world = useCascade(database);
    const t: Record<'provider' | 'north' | 'south' | 'a' | 'b' | 'mover', Message> = {} as never;

    const rateTree = (buyers: (Message | string)[]) =>
      readServerStream(world().api.channels.rating, RATE_TREE, {
        ...PERIOD,
        buyer_tenant_ids: buyers.map((b) => (typeof b === 'string' ? b : b.id)),
      });
    /** "seller>buyer: meter quantity amount, …" per part, sorted. */
    const parts = (edges: Message[]) =>
      edges
        .map(
          (e) =>
            `${e.seller_tenant_id}>${e.buyer_tenant_id}: ${e.lines
              .map((l: Message) => `${l.meter_code} ${l.quantity} ${l.amount}`)
              .join(', ')}`,
        )
        .sort();
    const part = (seller: Message, buyer: Message, lines: string) =>
      `${seller.id}>${buyer.id}: ${lines}`;

    beforeAll(async () => {
      const w = world();
      t.provider = await tenant(w, undefined, 'p', 'PROVIDER');
      t.north = await tenant(w, t.provider, 'north', 'RESELLER');
      t.south = await tenant(w, t.provider, 'south', 'RESELLER');
      t.a = await tenant(w, t.north, 'a', 'CUSTOMER');
      t.b = await tenant(w, t.north, 'b', 'CUSTOMER');
      t.mover = await tenant(w, t.north, 'mover', 'CUSTOMER');
      // Edges without a plan: 18 edge parts in the period, so naming one or two buyers
      // (under an eighth of them) rates edge by edge, naming three reads whole meters.
      for (let i = 0; i < 12; i += 1) await tenant(w, t.south, `idle-${i}`, 'CUSTOMER');
      for (const code of ['calls', 'seats']) await sumMeter(w, code);
      const payg = (code: string, charges: Message[]) => ({
        code,
        model: 'PAYG' as const,
        charges,
      });
      const wholesale = await plan(w, t.provider, payg('wholesale', [perUnit('calls', '0.005')]));
      const north = await plan(
        w,
        t.north,
        payg('north', [
          perUnit('calls', '0.01'),
          { meter_code: 'seats', model: 'CHARGE_MODEL_FLAT', flat_amount: '31' },
        ]),
      );
      const south = await plan(w, t.south, payg('south', [perUnit('calls', '0.02')]));
      for (const reseller of [t.north, t.south]) await assign(w, reseller, wholesale, SINCE);
      for (const customer of [t.a, t.b, t.mover]) await assign(w, customer, north, SINCE);
      await usage(w, [
        [t.a, 'calls', '1000', '2026-10-05T00:00:00Z'], // before the period
        [t.a, 'calls', '100', '2026-10-12T00:00:00Z'],
        [t.b, 'calls', '200', '2026-10-15T00:00:00Z'],
        [t.mover, 'calls', '300', '2026-10-15T00:00:00Z'],
      ]);
      await w.api.tenants.MoveTenant({
        id: t.mover.id,
        new_parent_id: t.south.id,
        effective_at: timestamp('2026-10-20T00:00:00Z'),
      });
      await assign(w, t.mover, south, '2026-10-20T00:00:00Z');
      await usage(w, [[t.mover, 'calls', '400', '2026-10-25T00:00:00Z']]);
    });

    test('rates only the named buyers, a mover from each seller, as the whole tree pass does', async () => {
      const named = parts(await rateTree([t.a, t.mover]));
      // a: 100 × 0.01 and the whole FLAT 31; the mover: 10 of the 31 days under north
      // (FLAT 10.00, its 300 calls), 21 under south (its 400 calls at 0.02).
      expect(named).toEqual(
        [
          part(t.north, t.a, 'calls 100 1, seats 0 31'),
          part(t.north, t.mover, 'calls 300 3, seats 0 10'),
          part(t.south, t.mover, 'calls 400 8'),
        ].sort(),
      );
      const whole = parts(await readServerStream(world().api.channels.rating, RATE_TREE, PERIOD));
      expect(whole).toEqual(
        [
          ...named,
          part(t.north, t.b, 'calls 200 2, seats 0 31'),
          part(t.provider, t.north, 'calls 600 3'),
          part(t.provider, t.south, 'calls 400 2'),
        ].sort(),
      );
    });

    test('a few named buyers are rated edge by edge, to the same amounts', async () => {
      expect(parts(await rateTree([t.mover]))).toEqual(
        [
          part(t.north, t.mover, 'calls 300 3, seats 0 10'),
          part(t.south, t.mover, 'calls 400 8'),
        ].sort(),
      );
      expect(parts(await rateTree([t.b]))).toEqual([part(t.north, t.b, 'calls 200 2, seats 0 31')]);
    });

    test('a tenant without an edge in the period is known and rated as nothing', async () => {
      expect(await rateTree([t.provider])).toEqual([]);
    });

    test('refuses unknown and malformed ids before anything streams, naming each', async () => {
      await expect(rateTree([t.a, UNKNOWN_ID])).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        details: `buyer_tenant_ids[1]: unknown tenant "${UNKNOWN_ID}"`,
        received: [], // not even a's part
      });
      await expect(rateTree(['', t.a, 'x'.repeat(256), t.a])).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        details:
          'buyer_tenant_ids[0]: must not be empty; buyer_tenant_ids[2]: must be at most 255 characters; buyer_tenant_ids[3]: repeats buyer_tenant_ids[1]',
      });
    });
  });
}
