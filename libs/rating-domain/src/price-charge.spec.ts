import type { ChargeSpec } from './charge';
import { priceCharge } from './price-charge';
import type { PricingContext } from './pricing-context';
import { d, tiers } from './testing/builders';

const markup: ChargeSpec = { meterCode: 'cpu', model: 'PERCENTAGE_MARKUP', markupPercent: d('10') };

describe('priceCharge refuses what it cannot price', () => {
  it.each<[string, ChargeSpec, string, PricingContext, string]>([
    [
      'an unknown model',
      { meterCode: 'cpu', model: 'BOGUS' } as unknown as ChargeSpec,
      '1',
      {},
      'unknown charge model "BOGUS"',
    ],
    [
      'a markup without its upstream',
      markup,
      '1',
      {},
      'PERCENTAGE_MARKUP charge for cpu needs the charge its seller buys the meter under (ctx.upstream)',
    ],
    [
      'a markup over another meter',
      markup,
      '1',
      { upstream: { meterCode: 'ram', model: 'PER_UNIT', unitPrice: d('1') } },
      'PERCENTAGE_MARKUP charge for cpu got an upstream charge for ram',
    ],
    [
      'a negative quantity',
      { meterCode: 'cpu', model: 'PER_UNIT', unitPrice: d('1') },
      '-1',
      {},
      'quantity must be a non-negative decimal, got -1',
    ],
    [
      'a quantity beyond a closed last tier',
      { meterCode: 'cpu', model: 'VOLUME', tiers: tiers(['10', '1']) },
      '10.5',
      {},
      'quantity 10.5 is beyond the last tier (up to 10); the last tier must be open',
    ],
  ])('%s', (_name, spec, quantity, ctx, message) => {
    expect(() => priceCharge(spec, d(quantity), ctx)).toThrow(new Error(message));
  });
});
