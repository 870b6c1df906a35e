import { Dec } from '@cascade/money';
import { MarginEntry, marginReport } from './margin';

const entry = (tenant: string, meter: string, quantity: string, amount: string): MarginEntry => ({
  counterpartyTenantId: tenant,
  meterCode: meter,
  quantity: new Dec(quantity),
  amount: new Dec(amount),
});

describe('marginReport', () => {
  it('revenue − cost = margin per meter and in total, with each buyer and seller', () => {
    const report = marginReport(
      [
        entry('c1', 'vcpu', '100', '15.00'),
        entry('c1', '', '0', '20.00'),
        entry('c2', 'vcpu', '50', '7.50'),
        entry('c2', 'vcpu', '2', '0.30'),
        entry('c2', 'gb', '10', '1.01'),
      ],
      [entry('dist', 'vcpu', '180', '18.00'), entry('dist', '', '0', '5.00')],
    );
    const show = (d: Dec) => d.toFixed(2);
    expect(
      report.meters.map((m) => [
        m.meterCode,
        m.revenueQuantity.toFixed(),
        m.costQuantity.toFixed(),
        show(m.revenue),
        show(m.cost),
        show(m.margin),
      ]),
    ).toEqual([
      ['', '0', '0', '20.00', '5.00', '15.00'],
      ['gb', '10', '0', '1.01', '0.00', '1.01'],
      ['vcpu', '152', '180', '22.80', '18.00', '4.80'],
    ]);
    expect([show(report.revenue), show(report.cost), show(report.margin)]).toEqual([
      '43.81',
      '23.00',
      '20.81',
    ]);
    expect(
      report.buyers.map((b) => [
        b.tenantId,
        show(b.amount),
        b.meters.map((m) => `${m.meterCode}=${show(m.amount)}`),
      ]),
    ).toEqual([
      ['c1', '35.00', ['=20.00', 'vcpu=15.00']],
      ['c2', '8.81', ['gb=1.01', 'vcpu=7.80']],
    ]);
    expect(report.sellers.map((s) => [s.tenantId, show(s.amount)])).toEqual([['dist', '23.00']]);
    expect(report.revenue.minus(report.cost).eq(report.margin)).toBe(true);
  });

  it('is all zero for a tenant that neither sold nor bought', () => {
    const report = marginReport([], []);
    expect([report.meters, report.buyers, report.sellers, report.margin.toFixed()]).toEqual([
      [],
      [],
      [],
      '0',
    ]);
  });
});
