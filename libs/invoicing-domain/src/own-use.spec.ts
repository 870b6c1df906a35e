import { Dec } from '@cascade/money';
import { MarginEntry, marginReport } from './margin';
import { splitOwnUse } from './own-use';

const entry = (tenant: string, meter: string, quantity: string, amount: string): MarginEntry => ({
  counterpartyTenantId: tenant,
  meterCode: meter,
  quantity: new Dec(quantity),
  amount: new Dec(amount),
});

const show = (d: Dec) => d.toFixed(2);

describe('splitOwnUse', () => {
  it('splits each meter’s cost by quantity share, rounded so the parts add up to the cost', () => {
    // Bought 300 vCPU-hours for 10.00; resold 100 to c1 and 99 to c2 (1 more unpriced).
    const report = marginReport(
      [entry('c1', 'vcpu', '100', '5.00'), entry('c2', 'vcpu', '99', '4.95')],
      [entry('dist', 'vcpu', '300', '10.00'), entry('dist', '', '0', '7.00')],
    );
    const split = splitOwnUse(report, 'USD', new Map([['vcpu', new Dec(1)]]));
    expect(
      split.meters.map((m) => [
        m.meterCode,
        m.ownUseQuantity.toFixed(),
        show(m.ownUseCost),
        show(m.cost),
      ]),
    ).toEqual([
      ['', '0', '0.00', '7.00'],
      // 10.00 × 100 / 300 = 3.333… → 3.33; resale is the other 6.67.
      ['vcpu', '100', '3.33', '10.00'],
    ]);
    expect([
      show(split.cost),
      show(split.ownUseCost),
      show(split.resaleCost),
      show(split.revenue),
      show(split.resaleMargin),
    ]).toEqual(['17.00', '3.33', '13.67', '9.95', '-3.72']);
    expect(split.ownUseCost.plus(split.resaleCost).eq(split.cost)).toBe(true);
  });

  it('counts everything as own use for a tenant that resold nothing, fees included', () => {
    const report = marginReport(
      [],
      [entry('dist', 'vcpu', '40', '12.34'), entry('dist', '', '0', '5.00')],
    );
    const split = splitOwnUse(report, 'USD');
    expect([show(split.ownUseCost), show(split.resaleCost), show(split.resaleMargin)]).toEqual([
      '17.34',
      '0.00',
      '0.00',
    ]);
  });

  it('never counts more own use than was bought, and no negative zero', () => {
    const report = marginReport(
      [entry('c1', 'gb', '15', '3.00')],
      [entry('dist', 'gb', '10', '1.00')],
    );
    const [gb] = splitOwnUse(report, 'JPY').meters;
    expect([
      gb.ownUseQuantity.toFixed(),
      gb.ownUseCost.toFixed(),
      gb.ownUseCost.isNegative(),
    ]).toEqual(['0', '0', false]);
  });
});
