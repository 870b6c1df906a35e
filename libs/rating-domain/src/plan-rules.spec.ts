import {
  chargeAmountProblems,
  finerThanCurrency,
  paygFeeProblem,
  unusedChargeFields,
} from './plan-rules';
import { d, tiers } from './testing/builders';

const meterCode = 'calls';

describe('plan rules: settings rating would store and ignore', () => {
  it('refuses the fields a model never reads, each by name', () => {
    expect(unusedChargeFields('PER_UNIT', ['unit_price', 'tiers', 'minimum_amount'])).toEqual([
      'tiers: a PER_UNIT charge does not use it',
    ]);
    expect(unusedChargeFields('FLAT', ['flat_amount', 'free_units', 'unit_price'])).toEqual([
      'free_units: a FLAT charge does not use it',
      'unit_price: a FLAT charge does not use it',
    ]);
    expect(unusedChargeFields('GRADUATED', ['tiers', 'free_units', 'minimum_amount'])).toEqual([]);
    expect(unusedChargeFields('PACKAGE', ['package_size', 'package_price', 'tiers'])).toEqual([
      'tiers: a PACKAGE charge does not use it',
    ]);
  });

  it('refuses a subscription fee on a PAYG plan, not a zero one', () => {
    expect(paygFeeProblem('PAYG', d('10'))).toEqual([
      'subscription_fee: a PAYG plan bills no subscription fee',
    ]);
    expect(paygFeeProblem('PAYG', d('0'))).toEqual([]);
    expect(paygFeeProblem('PAYG', undefined)).toEqual([]);
    expect(paygFeeProblem('SUBSCRIPTION', d('10'))).toEqual([]);
  });

  it('refuses an amount billed as it is when finer than the minor unit', () => {
    expect(finerThanCurrency('minimum_amount', d('1.005'), 'USD')).toEqual([
      "minimum_amount: 1.005 is finer than USD's minor unit (2 decimals)",
    ]);
    expect(finerThanCurrency('minimum_amount', d('1.50'), 'USD')).toEqual([]);
    expect(finerThanCurrency('flat_amount', d('100.5'), 'JPY')).toEqual([
      "flat_amount: 100.5 is finer than JPY's minor unit (0 decimals)",
    ]);
    expect(finerThanCurrency('flat_amount', d('1.125'), 'BHD')).toEqual([]);
  });

  it('checks the minimum, a flat amount and tier flat fees, never unit prices', () => {
    expect(
      chargeAmountProblems(
        {
          meterCode,
          model: 'GRADUATED',
          tiers: tiers(['10', '0.0001', '0.125'], [null, '0.00005']),
          minimumAmount: d('0.001'),
        },
        'USD',
      ),
    ).toEqual([
      "minimum_amount: 0.001 is finer than USD's minor unit (2 decimals)",
      "tiers[0].flat_fee: 0.125 is finer than USD's minor unit (2 decimals)",
    ]);
    expect(
      chargeAmountProblems({ meterCode, model: 'FLAT', flatAmount: d('9.999') }, 'USD'),
    ).toEqual(["flat_amount: 9.999 is finer than USD's minor unit (2 decimals)"]);
    expect(
      chargeAmountProblems({ meterCode, model: 'PER_UNIT', unitPrice: d('0.00001') }, 'USD'),
    ).toEqual([]);
  });
});
