import type { ChargeSpec } from '../charge';
import { upstreamChain } from '../pricing-context';
import { d, tiers } from '../testing/builders';
import { pricingTable } from '../testing/pricing-harness';

const meterCode = 'compute.vcpu';
const E30 = '1000000000000000000000000000000';

const perUnit = (unitPrice: string): ChargeSpec => ({
  meterCode,
  model: 'PER_UNIT',
  unitPrice: d(unitPrice),
});
const twoStep = tiers(['5', '2'], [null, '1']);
const withFees = tiers(['100', '0.1', '5'], ['1000', '0.05', '10'], [null, '0.01', '20']);
const graduated: ChargeSpec = { meterCode, model: 'GRADUATED', tiers: twoStep };
const volume: ChargeSpec = {
  meterCode,
  model: 'VOLUME',
  tiers: tiers(['10', '1', '2'], [null, '0.5', '3']),
};
const pack: ChargeSpec = {
  meterCode,
  model: 'PACKAGE',
  packageSize: d('100'),
  packagePrice: d('5'),
};
const markup = (markupPercent: string): ChargeSpec => ({
  meterCode,
  model: 'PERCENTAGE_MARKUP',
  markupPercent: d(markupPercent),
});

describe('PER_UNIT', () => {
  pricingTable([
    {
      name: 'every unit at the unit price',
      spec: perUnit('0.5'),
      quantity: '10',
      tiers: [['10', '0.5', '0', '5', null]],
      amount: '5',
    },
    {
      name: 'fractional quantity',
      spec: perUnit('1.2'),
      quantity: '2.5',
      tiers: [['2.5', '1.2', '0', '3', null]],
      amount: '3',
    },
    {
      name: 'zero quantity touches nothing',
      spec: perUnit('0.5'),
      quantity: '0',
      tiers: [],
      amount: '0',
    },
    {
      name: 'tiny price × 1,234,567 units',
      spec: perUnit('0.0000042'),
      quantity: '1234567',
      tiers: [['1234567', '0.0000042', '0', '5.1851814', null]],
      amount: '5.1851814',
    },
    {
      name: 'tiny price × 10^30 units',
      spec: perUnit('0.0000042'),
      quantity: E30,
      tiers: [[E30, '0.0000042', '0', '4200000000000000000000000', null]],
      amount: '4200000000000000000000000',
    },
  ]);
});

describe('GRADUATED', () => {
  pricingTable([
    {
      name: 'zero quantity touches nothing',
      spec: graduated,
      quantity: '0',
      tiers: [],
      amount: '0',
    },
    {
      name: 'inside the first tier',
      spec: graduated,
      quantity: '3',
      tiers: [['3', '2', '0', '6', '5']],
      amount: '6',
    },
    {
      name: 'exactly on the inclusive bound stays in the tier',
      spec: graduated,
      quantity: '5',
      tiers: [['5', '2', '0', '10', '5']],
      amount: '10',
    },
    {
      name: 'half a unit past the bound',
      spec: graduated,
      quantity: '5.5',
      tiers: [
        ['5', '2', '0', '10', '5'],
        ['0.5', '1', '0', '0.5', null],
      ],
      amount: '10.5',
    },
    {
      name: 'flat fee of every touched tier',
      spec: { meterCode, model: 'GRADUATED', tiers: withFees },
      quantity: '1500',
      tiers: [
        ['100', '0.1', '5', '15', '100'],
        ['900', '0.05', '10', '55', '1000'],
        ['500', '0.01', '20', '25', null],
      ],
      amount: '95',
    },
    {
      name: 'no flat fee for a tier not reached',
      spec: { meterCode, model: 'GRADUATED', tiers: withFees },
      quantity: '100',
      tiers: [['100', '0.1', '5', '15', '100']],
      amount: '15',
    },
    {
      name: 'tiny prices',
      spec: {
        meterCode,
        model: 'GRADUATED',
        tiers: tiers(['1000000', '0.0000042'], [null, '0.0000021']),
      },
      quantity: '1234567',
      tiers: [
        ['1000000', '0.0000042', '0', '4.2', '1000000'],
        ['234567', '0.0000021', '0', '0.4925907', null],
      ],
      amount: '4.6925907',
    },
    {
      name: '10^30 units',
      spec: { meterCode, model: 'GRADUATED', tiers: tiers(['1000', '0.01'], [null, '0.001']) },
      quantity: E30,
      tiers: [
        ['1000', '0.01', '0', '10', '1000'],
        ['999999999999999999999999999000', '0.001', '0', '999999999999999999999999999', null],
      ],
      amount: '1000000000000000000000000009',
    },
  ]);
});

describe('VOLUME', () => {
  pricingTable([
    { name: 'zero quantity touches nothing', spec: volume, quantity: '0', tiers: [], amount: '0' },
    {
      name: 'quantity equal to up_to takes that tier',
      spec: volume,
      quantity: '10',
      tiers: [['10', '1', '2', '12', '10']],
      amount: '12',
    },
    {
      name: 'a millionth past up_to takes the next tier for all units',
      spec: volume,
      quantity: '10.000001',
      tiers: [['10.000001', '0.5', '3', '8.0000005', null]],
      amount: '8.0000005',
    },
    {
      name: 'tiny prices',
      spec: {
        meterCode,
        model: 'VOLUME',
        tiers: tiers(['1000000', '0.000005'], [null, '0.0000042']),
      },
      quantity: '1234567',
      tiers: [['1234567', '0.0000042', '0', '5.1851814', null]],
      amount: '5.1851814',
    },
    {
      name: '10^30 units',
      spec: {
        meterCode,
        model: 'VOLUME',
        tiers: tiers(['1000000', '1'], [null, '0.000000000001']),
      },
      quantity: E30,
      tiers: [[E30, '0.000000000001', '0', '1000000000000000000', null]],
      amount: '1000000000000000000',
    },
  ]);
});

describe('PACKAGE', () => {
  pricingTable([
    { name: 'zero quantity starts no package', spec: pack, quantity: '0', tiers: [], amount: '0' },
    {
      name: 'one unit starts a package',
      spec: pack,
      quantity: '1',
      tiers: [['1', '5', '0', '5', null]],
      amount: '5',
    },
    {
      name: 'a full package',
      spec: pack,
      quantity: '100',
      tiers: [['1', '5', '0', '5', null]],
      amount: '5',
    },
    {
      name: 'one unit over',
      spec: pack,
      quantity: '101',
      tiers: [['2', '5', '0', '10', null]],
      amount: '10',
    },
    {
      name: 'fractional package size',
      spec: { meterCode, model: 'PACKAGE', packageSize: d('0.5'), packagePrice: d('0.2') },
      quantity: '1.25',
      tiers: [['3', '0.2', '0', '0.6', null]],
      amount: '0.6',
    },
    {
      name: '10^30 + 1 units in packages of 1000',
      spec: { meterCode, model: 'PACKAGE', packageSize: d('1000'), packagePrice: d('0.01') },
      quantity: '1000000000000000000000000000001',
      tiers: [['1000000000000000000000000001', '0.01', '0', '10000000000000000000000000.01', null]],
      amount: '10000000000000000000000000.01',
    },
  ]);
});

describe('FLAT', () => {
  const flat: ChargeSpec = { meterCode, model: 'FLAT', flatAmount: d('30') };
  pricingTable([
    {
      name: 'charged at zero quantity',
      spec: flat,
      quantity: '0',
      tiers: [['0', '0', '30', '30', null]],
      amount: '30',
    },
    {
      name: 'the same whatever the quantity',
      spec: flat,
      quantity: '12345',
      tiers: [['12345', '0', '30', '30', null]],
      amount: '30',
    },
  ]);
});

describe('PERCENTAGE_MARKUP', () => {
  pricingTable([
    {
      name: '20 % over per-unit',
      spec: markup('20'),
      quantity: '10',
      ctx: { upstream: perUnit('0.5') },
      tiers: [['10', '0.6', '0', '6', null]],
      amount: '6',
    },
    {
      name: '10 % over graduated marks up every tier',
      spec: markup('10'),
      quantity: '13',
      ctx: { upstream: graduated },
      tiers: [
        ['5', '2.2', '0', '11', '5'],
        ['8', '1.1', '0', '8.8', null],
      ],
      amount: '19.8',
    },
    {
      name: '10 % over volume marks up the flat fee too',
      spec: markup('10'),
      quantity: '65000',
      ctx: { upstream: { meterCode, model: 'VOLUME', tiers: tiers([null, '0.0006', '10']) } },
      tiers: [['65000', '0.00066', '11', '53.9', null]],
      amount: '53.9',
    },
    {
      name: 'three tiers: 25 % over 10 % over graduated',
      spec: markup('25'),
      quantity: '13',
      ctx: upstreamChain([markup('10'), graduated]),
      tiers: [
        ['5', '2.75', '0', '13.75', '5'],
        ['8', '1.375', '0', '11', null],
      ],
      amount: '24.75',
    },
    {
      name: 'a negative markup sells below cost',
      spec: markup('-50'),
      quantity: '3',
      ctx: { upstream: perUnit('2') },
      tiers: [['3', '1', '0', '3', null]],
      amount: '3',
    },
    {
      name: 'upstream free units and minimum are the seller’s terms, not the buyer’s',
      spec: markup('0'),
      quantity: '10',
      ctx: { upstream: { ...perUnit('1'), freeUnits: d('100'), minimumAmount: d('500') } },
      tiers: [['10', '1', '0', '10', null]],
      amount: '10',
    },
  ]);
});
