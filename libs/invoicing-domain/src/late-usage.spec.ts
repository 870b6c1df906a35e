import { Dec, formatDecimal } from '@cascade/money';
import { adjustmentLines, BilledUsage } from './late-usage';
import { range } from './testing/fixtures';

const october = range('2026-10-01', '2026-11-01');
const billed = (meterCode: string, quantity: string, amount: string): BilledUsage => ({
  meterCode,
  quantity: new Dec(quantity),
  amount: new Dec(amount),
});

describe('adjustmentLines', () => {
  it.each<[string, BilledUsage[], BilledUsage[], [string, string, string][]]>([
    [
      'late units are billed as the difference, naming their period',
      [billed('compute.vcpu', '100', '50.00')],
      [billed('compute.vcpu', '112', '56.00')],
      [['Late usage for 2026-10-01 – 2026-11-01: compute.vcpu +12 units', '12', '6']],
    ],
    [
      'a meter first seen late gets a line of its own',
      [billed('compute.vcpu', '100', '50.00')],
      [billed('compute.vcpu', '100', '50.00'), billed('storage.volume.gb', '2.5', '0.25')],
      [['Late usage for 2026-10-01 – 2026-11-01: storage.volume.gb +2.5 units', '2.5', '0.25']],
    ],
    [
      'lines of one meter (a plan change) are compared in total',
      [billed('compute.vcpu', '60', '30.00'), billed('compute.vcpu', '40', '16.00')],
      [billed('compute.vcpu', '60', '30.00'), billed('compute.vcpu', '45', '18.00')],
      [['Late usage for 2026-10-01 – 2026-11-01: compute.vcpu +5 units', '5', '2']],
    ],
    [
      // Volume tiers 1–10 at 6.50, 11 and up at 5.00: the 11th unit lowers every unit's price.
      'a cheaper volume tier reached late gives a negative amount',
      [billed('api.calls', '10', '65.00')],
      [billed('api.calls', '11', '55.00'), billed('gpu.hours', '0', '0')],
      [['Late usage for 2026-10-01 – 2026-11-01: api.calls +1 units', '1', '-10']],
    ],
    [
      'a re-rating that changes only the amount still shows',
      [billed('compute.vcpu', '100', '50.00')],
      [billed('compute.vcpu', '100', '49.50')],
      [
        [
          'Late usage for 2026-10-01 – 2026-11-01: compute.vcpu re-rated, quantity unchanged',
          '0',
          '-0.5',
        ],
      ],
    ],
    [
      'no difference, no line',
      [billed('compute.vcpu', '100', '50.00')],
      [billed('compute.vcpu', '100.0', '50')],
      [],
    ],
  ])('%s', (_story, before, after, expected) => {
    const lines = adjustmentLines(before, after, october);
    expect(
      lines.map((l) => [l.description, formatDecimal(l.quantity), formatDecimal(l.preciseAmount)]),
    ).toEqual(expected);
    for (const line of lines) expect(line.forPeriod).toEqual(october);
  });
});
