import { Dec } from '@cascade/money';
import type { ChargeSpec } from './charge';
import { d, tiers } from './testing/builders';
import { validateCharge } from './validate-charge';

const meterCode = 'compute.vcpu';
const wire = (spec: object) => spec as ChargeSpec; // specs as a careless client might send them

describe('validateCharge', () => {
  it.each<[string, ChargeSpec, string[]]>([
    ['a valid per-unit charge', { meterCode, model: 'PER_UNIT', unitPrice: d('0.5') }, []],
    [
      'valid tiers with fees, free units and minimum',
      {
        meterCode,
        model: 'GRADUATED',
        tiers: tiers(['5', '2', '1'], [null, '1']),
        freeUnits: d('3'),
        minimumAmount: d('10'),
      },
      [],
    ],
    ['a free price', { meterCode, model: 'FLAT', flatAmount: d('0') }, []],
    [
      'markup down to -100',
      { meterCode, model: 'PERCENTAGE_MARKUP', markupPercent: d('-100') },
      [],
    ],
    [
      'an empty meter code',
      { meterCode: '', model: 'PER_UNIT', unitPrice: d('1') },
      ['meter_code: must not be empty'],
    ],
    [
      'negative unit price, free units and minimum',
      {
        meterCode,
        model: 'PER_UNIT',
        unitPrice: d('-1'),
        freeUnits: d('-2'),
        minimumAmount: d('-3'),
      },
      [
        'free_units: must not be negative',
        'minimum_amount: must not be negative',
        'unit_price: must not be negative',
      ],
    ],
    ['no tiers', { meterCode, model: 'VOLUME', tiers: [] }, ['tiers: must not be empty']],
    [
      'tiers out of order',
      { meterCode, model: 'VOLUME', tiers: tiers(['10', '1'], ['10', '0.5'], [null, '0.1']) },
      ['tiers: must be in increasing up_to order'],
    ],
    [
      'a closed last tier',
      { meterCode, model: 'GRADUATED', tiers: tiers(['10', '1'], ['20', '0.5']) },
      ['tiers: last tier must be open'],
    ],
    [
      'an open tier before the last',
      { meterCode, model: 'GRADUATED', tiers: tiers([null, '1'], ['20', '0.5']) },
      ['tiers[0].up_to: only the last tier may be open', 'tiers: last tier must be open'],
    ],
    [
      'bad tier fields',
      { meterCode, model: 'GRADUATED', tiers: tiers(['0', '1'], ['5', '-1', '-2'], [null, '1']) },
      [
        'tiers[0].up_to: must be positive',
        'tiers[1].unit_price: must not be negative',
        'tiers[1].flat_fee: must not be negative',
      ],
    ],
    [
      'a zero package size and negative price',
      { meterCode, model: 'PACKAGE', packageSize: d('0'), packagePrice: d('-5') },
      ['package_size: must be positive', 'package_price: must not be negative'],
    ],
    [
      'a negative flat amount',
      { meterCode, model: 'FLAT', flatAmount: d('-30') },
      ['flat_amount: must not be negative'],
    ],
    [
      'a markup below -100',
      { meterCode, model: 'PERCENTAGE_MARKUP', markupPercent: d('-100.5') },
      ['markup_percent: must not be below -100'],
    ],
    [
      'missing and non-finite fields',
      wire({ meterCode, model: 'PACKAGE', packagePrice: new Dec(NaN) }),
      ['package_size: must be set', 'package_price: must be a finite decimal'],
    ],
    [
      'an unknown model',
      wire({ meterCode, model: 'TIERED' }),
      ['model: must be one of PER_UNIT, GRADUATED, VOLUME, PACKAGE, FLAT, PERCENTAGE_MARKUP'],
    ],
  ])('%s', (_name, spec, problems) => {
    expect(validateCharge(spec)).toEqual(problems);
  });
});
