import { Dec, ZERO, formatDecimal } from '@cascade/money';
import fc from 'fast-check';
import type { ChargeSpec, Tier } from './charge';
import { priceCharge } from './price-charge';
import { upstreamChain } from './pricing-context';

const meterCode = 'compute.vcpu';

/** n × 10^-scale: exact decimals with up to 12 digits and 6 decimals, never a float. */
const decimal = (min: bigint) =>
  fc
    .tuple(fc.bigInt({ min, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
    .map(([n, scale]) => new Dec(`${n}e-${scale}`));
const amount = decimal(0n);
// Gaps of at least 1 leave room for any ε below 1 between two bounds.
const gap = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 6n }), decimal(0n))
  .map(([whole, part]) => new Dec(whole.toString()).plus(part.mod(1)));
const epsilon = fc.integer({ min: 1, max: 40 }).map((k) => new Dec(`1e-${k}`));

/** Increasing inclusive bounds, then the open last tier. */
const tierList = (minBounded: number): fc.Arbitrary<Tier[]> =>
  fc
    .array(fc.tuple(gap, amount, amount), { minLength: minBounded, maxLength: 5 })
    .chain((bounded) =>
      fc.tuple(amount, amount).map(([lastPrice, lastFee]) => {
        let upTo = new Dec(0);
        const closed = bounded.map(([g, unitPrice, flatFee]): Tier => {
          upTo = upTo.plus(g);
          return { upTo, unitPrice, flatFee };
        });
        return [...closed, { upTo: null, unitPrice: lastPrice, flatFee: lastFee }];
      }),
    );

const price = (spec: ChargeSpec, quantity: Dec) => priceCharge(spec, quantity).amount;

describe('pricing properties', () => {
  it('graduated amount never falls as quantity grows', () => {
    fc.assert(
      fc.property(tierList(0), amount, amount, (tiers, a, b) => {
        const spec: ChargeSpec = { meterCode, model: 'GRADUATED', tiers };
        const [low, high] = a.lte(b) ? [a, b] : [b, a];
        expect(price(spec, low).lte(price(spec, high))).toBe(true);
      }),
    );
  });

  it('volume: up_to itself takes that tier, up_to + ε the next', () => {
    fc.assert(
      fc.property(tierList(1), fc.nat(), epsilon, (tiers, pick, eps) => {
        const spec: ChargeSpec = { meterCode, model: 'VOLUME', tiers };
        const i = pick % (tiers.length - 1);
        const [tier, next] = [tiers[i] as Tier, tiers[i + 1] as Tier];
        const bound = tier.upTo as Dec;
        const cost = (t: Tier, q: Dec) =>
          formatDecimal(q.times(t.unitPrice).plus(t.flatFee ?? ZERO));
        expect(formatDecimal(price(spec, bound))).toBe(cost(tier, bound));
        expect(formatDecimal(price(spec, bound.plus(eps)))).toBe(cost(next, bound.plus(eps)));
      }),
    );
  });

  it('package amount is ceil(quantity / size) × price', () => {
    const scaled = fc.tuple(
      fc.bigInt({ min: 0n, max: 10n ** 15n }),
      fc.bigInt({ min: 1n, max: 10n ** 6n }),
      fc.integer({ min: 0, max: 6 }),
    );
    fc.assert(
      fc.property(scaled, amount, ([q, size, scale], packagePrice) => {
        const atScale = (n: bigint) => new Dec(`${n}e-${scale}`);
        const spec: ChargeSpec = {
          meterCode,
          model: 'PACKAGE',
          packageSize: atScale(size),
          packagePrice,
        };
        const packages = (q + size - 1n) / size; // exact integer ceil, independent of Dec
        const expected = packagePrice.times(packages.toString());
        expect(formatDecimal(price(spec, atScale(q)))).toBe(formatDecimal(expected));
      }),
    );
  });

  it('a markup over a markup over the provider’s price is base × (1+m1)(1+m2)', () => {
    const percent = decimal(0n).map((p) => p.mod(1000));
    fc.assert(
      fc.property(tierList(0), amount, percent, percent, (tiers, q, m1, m2) => {
        const provider: ChargeSpec = { meterCode, model: 'GRADUATED', tiers };
        const markup = (m: Dec): ChargeSpec => ({
          meterCode,
          model: 'PERCENTAGE_MARKUP',
          markupPercent: m,
        });
        const factor = (m: Dec) => new Dec(1).plus(m.div(100));
        const base = priceCharge(provider, q);
        const chained = priceCharge(markup(m2), q, upstreamChain([markup(m1), provider]));
        const composed = (x: Dec) => formatDecimal(x.times(factor(m1)).times(factor(m2)));
        expect(formatDecimal(chained.amount)).toBe(composed(base.amount));
        expect(chained.tiers.map((t) => formatDecimal(t.unitPrice))).toEqual(
          base.tiers.map((t) => composed(t.unitPrice)),
        );
      }),
    );
  });
});
