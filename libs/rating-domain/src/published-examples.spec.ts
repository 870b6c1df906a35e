import { formatDecimal } from '@cascade/money';
import type { ChargeSpec } from './charge';
import { priceCharge } from './price-charge';
import { d, tiers } from './testing/builders';
import { pricingTable, type PricingCase } from './testing/pricing-harness';

// External test vectors from /work/shared/fixtures/pricing-examples.md.

describe('Stripe: volume tiers 1–5 at 7.00, 6–10 at 6.50, 11+ at 6.00', () => {
  const spec: ChargeSpec = {
    meterCode: 'seats',
    model: 'VOLUME',
    tiers: tiers(['5', '7.00'], ['10', '6.50'], [null, '6.00']),
  };
  const row = (quantity: string, unitPrice: string, upTo: string | null, amount: string) =>
    ({
      name: `${quantity} units → ${amount}`,
      spec,
      quantity,
      tiers: [[quantity, unitPrice, '0', amount, upTo]],
      amount,
    }) satisfies PricingCase;
  pricingTable([
    row('1', '7', '5', '7'),
    row('5', '7', '5', '35'),
    row('6', '6.5', '10', '39'),
    row('20', '6', null, '120'),
    row('25', '6', null, '150'),
  ]);
});

describe('Kill Bill: graduated videos, first 5 at 2.00 then 1.00', () => {
  const videos: ChargeSpec = {
    meterCode: 'videos',
    model: 'GRADUATED',
    tiers: tiers(['5', '2.00'], [null, '1.00']),
  };
  const subscription: ChargeSpec = { meterCode: 'videos', model: 'FLAT', flatAmount: d('30.00') };

  pricingTable([
    {
      name: '13 videos → 18.00',
      spec: videos,
      quantity: '13',
      tiers: [
        ['5', '2', '0', '10', '5'],
        ['8', '1', '0', '8', null],
      ],
      amount: '18',
    },
  ]);

  it('adds the 30.00 subscription for an invoice of 48.00', () => {
    const usage = priceCharge(videos, d('13')).amount;
    const fee = priceCharge(subscription, d('13')).amount;
    expect(formatDecimal(usage.plus(fee))).toBe('48');
  });
});

describe('Lago', () => {
  pricingTable([
    {
      name: 'package: 5.00 per 100, first 100 free, 201 units → 10.00',
      spec: {
        meterCode: 'api.calls',
        model: 'PACKAGE',
        packageSize: d('100'),
        packagePrice: d('5.00'),
        freeUnits: d('100'),
      },
      quantity: '201',
      freeUnits: '100',
      billableQuantity: '101',
      tiers: [['2', '5', '0', '10', null]],
      amount: '10',
    },
    {
      // The docs state only the tier reached; the lower tier is illustrative.
      name: 'volume with flat fee: 65,000 × 0.0006 + 10 → 49.00',
      spec: {
        meterCode: 'api.calls',
        model: 'VOLUME',
        tiers: tiers(['50000', '0.0008', '5'], [null, '0.0006', '10']),
      },
      quantity: '65000',
      tiers: [['65000', '0.0006', '10', '49', null]],
      amount: '49',
    },
    {
      name: 'minimum spend 100.00, usage 50.00 → 50.00 true-up',
      spec: {
        meterCode: 'api.calls',
        model: 'PER_UNIT',
        unitPrice: d('1.00'),
        minimumAmount: d('100.00'),
      },
      quantity: '50',
      tiers: [['50', '1', '0', '50', null]],
      baseAmount: '50',
      minimumAdjustment: '50',
      amount: '100',
    },
  ]);
});

describe('CloudKitty: threshold 0.001 per GiB, × 0.98 from 50 GiB, × 0.95 from 200 GiB', () => {
  // "From 50" is a half-open bound; with inclusive up_to it is exact for whole
  // GiB as up_to 49 and 199. See the README for fractional quantities.
  const spec: ChargeSpec = {
    meterCode: 'storage.volume.gb',
    model: 'VOLUME',
    tiers: tiers(['49', '0.001'], ['199', '0.00098'], [null, '0.00095']),
  };
  const row = (quantity: string, unitPrice: string, upTo: string | null, amount: string) =>
    ({
      name: `${quantity} GiB → ${amount}`,
      spec,
      quantity,
      tiers: [[quantity, unitPrice, '0', amount, upTo]],
      amount,
    }) satisfies PricingCase;
  pricingTable([
    row('20', '0.001', '49', '0.02'),
    row('50', '0.00098', '199', '0.049'),
    row('80', '0.00098', '199', '0.0784'),
    row('250', '0.00095', null, '0.2375'),
    // Documented difference: CloudKitty would charge 49.5 × 0.001 = 0.0495.
    { ...row('49.5', '0.00098', '199', '0.04851'), name: '49.5 GiB → 0.04851 (differs)' },
  ]);
});
