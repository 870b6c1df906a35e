import { priceCharge } from './price-charge';
import { d } from './testing/builders';

const meterCode = 'calls';
// 16 of October's 31 days, in milliseconds as rating measures spans.
const DAY = 86_400_000;
const sixteenOf31 = { part: 16 * DAY, whole: 31 * DAY };

describe('FLAT amounts and minimums on part of a period', () => {
  it('prorates a FLAT amount by the part of the period, like a fee', () => {
    const priced = priceCharge(
      { meterCode, model: 'FLAT', flatAmount: d('31') },
      d('0'),
      {},
      sixteenOf31,
    );
    expect([priced.baseAmount.toString(), priced.amount.toString()]).toEqual(['16', '16']);
    expect(priced.tiers.map((t) => t.flatFee.toString())).toEqual(['16']);
  });

  it('prorates the minimum, then tops the usage up to it', () => {
    const priced = priceCharge(
      { meterCode, model: 'PER_UNIT', unitPrice: d('0.01'), minimumAmount: d('62') },
      d('1000'),
      {},
      sixteenOf31,
    );
    // the minimum for 16/31 of the month is 32; usage priced 10
    expect([priced.baseAmount, priced.minimumAdjustment, priced.amount].map(String)).toEqual([
      '10',
      '22',
      '32',
    ]);
  });

  it('leaves unit prices, tier flat fees and free units whole', () => {
    const priced = priceCharge(
      {
        meterCode,
        model: 'GRADUATED',
        tiers: [
          { upTo: d('100'), unitPrice: d('1'), flatFee: d('5') },
          { upTo: null, unitPrice: d('0.5') },
        ],
        freeUnits: d('10'),
      },
      d('60'),
      {},
      sixteenOf31,
    );
    expect([priced.freeUnits, priced.amount].map(String)).toEqual(['10', '55']);
  });

  it('marks up the prorated FLAT amount its seller pays', () => {
    const priced = priceCharge(
      { meterCode, model: 'PERCENTAGE_MARKUP', markupPercent: d('50') },
      d('3'),
      { upstream: { meterCode, model: 'FLAT', flatAmount: d('62') } },
      sixteenOf31,
    );
    expect(priced.amount.toString()).toBe('48');
  });

  it('changes nothing over the whole period', () => {
    const priced = priceCharge(
      { meterCode, model: 'FLAT', flatAmount: d('10'), minimumAmount: d('12') },
      d('0'),
      {},
      { part: 31 * DAY, whole: 31 * DAY },
    );
    expect([priced.baseAmount, priced.amount].map(String)).toEqual(['10', '12']);
  });
});
