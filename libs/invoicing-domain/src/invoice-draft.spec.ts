import { Dec, formatMoney } from '@cascade/money';
import { assembleInvoice, InvoiceDraft, InvoiceInput } from './invoice-draft';
import { subscriptionFeeLines } from './subscription-fees';
import { range, span, utc } from './testing/fixtures';
import { feeLine, usageLine } from './testing/lines';

const august = range('2026-08-01', '2026-09-01');

function invoice(overrides: Partial<InvoiceInput>): InvoiceDraft {
  return assembleInvoice({
    sellerTenantId: 'reseller',
    buyerTenantId: 'customer',
    currency: 'USD',
    period: august,
    feeLines: [],
    usageLines: [],
    ...overrides,
  });
}

/** Every figure as the invoice prints it. */
function printed(draft: InvoiceDraft) {
  const money = (amount: Dec) => formatMoney(amount, draft.currency);
  return {
    lines: draft.lines.map((line) => [line.kind, line.description, money(line.amount)]),
    subtotal: money(draft.subtotal),
    tax: money(draft.tax),
    total: money(draft.total),
    creditsApplied: money(draft.creditsApplied),
    amountDue: money(draft.amountDue),
  };
}

describe('assembleInvoice', () => {
  it('Kill Bill: subscription 30.00 + graduated usage 18.00 = 48.00', () => {
    const draft = invoice({
      feeLines: subscriptionFeeLines(
        [span('video', 1, '30.00', '2026-01-01', '2027-01-01')],
        august,
      ),
      usageLines: [
        {
          ...usageLine('videos', '13', '18'),
          tiers: [
            { units: new Dec(5), unitPrice: new Dec('2.00'), amount: new Dec(10) },
            { units: new Dec(8), unitPrice: new Dec('1.00'), amount: new Dec(8) },
          ],
        },
      ],
    });
    expect(printed(draft)).toEqual({
      lines: [
        ['SUBSCRIPTION_FEE', 'Subscription fee, plan video v1, 2026-08-01 – 2026-09-01', '30.00'],
        ['USAGE', 'videos: 13 units, plan plan v1, 2026-08-01 – 2026-09-01', '18.00'],
      ],
      subtotal: '48.00',
      tax: '0.00',
      total: '48.00',
      creditsApplied: '0.00',
      amountDue: '48.00',
    });
  });

  it.each([
    ['USD', ['0.333', '0.333', '0.333'], ['0.33', '0.33', '0.33'], '0.99'],
    ['USD', ['2.345', '-0.004'], ['2.35', '0.00'], '2.35'],
    ['JPY', ['1234.5', '0.4', '99.49'], ['1235', '0', '99'], '1334'],
    ['BHD', ['1.2345', '0.0005', '10'], ['1.235', '0.001', '10.000'], '11.236'],
  ])(
    '%s rounds each line %j half-up to %j, then sums to %s',
    (currency, amounts, lines, subtotal) => {
      const draft = invoice({ currency, usageLines: amounts.map((a) => usageLine('m', '1', a)) });
      expect(draft.lines.map((l) => formatMoney(l.amount, currency))).toEqual(lines);
      expect(formatMoney(draft.subtotal, currency)).toBe(subtotal);
    },
  );

  it('keeps the precise amount beside the rounded one', () => {
    const [line] = invoice({ usageLines: [usageLine('m', '3', '35.4838')] }).lines;
    expect([line!.preciseAmount.toFixed(), line!.amount.toFixed()]).toEqual(['35.4838', '35.48']);
  });

  it('shows tax as its own line, out of the subtotal; no rate, no line', () => {
    const taxed = invoice({
      usageLines: [usageLine('m', '1', '33.335')],
      taxRate: new Dec('0.075'),
    });
    expect(printed(taxed)).toMatchObject({
      lines: [
        ['USAGE', 'm: 1 units, plan plan v1, 2026-08-01 – 2026-09-01', '33.34'],
        ['TAX', 'Tax 7.5 % on 33.34', '2.50'],
      ],
      subtotal: '33.34',
      tax: '2.50',
      total: '35.84',
    });
    expect(taxed.lines[1]).toMatchObject({ kind: 'TAX', preciseAmount: new Dec('2.5005') });
    const untaxed = invoice({ usageLines: [usageLine('m', '1', '1')], taxRate: new Dec(0) });
    expect(untaxed.lines.map((l) => l.kind)).toEqual(['USAGE']);
  });

  it('taxes the subtotal once, rounded half-up', () => {
    const draft = invoice({
      feeLines: [feeLine('10.01'), feeLine('10.01')],
      taxRate: new Dec('0.2'),
    });
    expect(printed(draft)).toMatchObject({ subtotal: '20.02', tax: '4.00', total: '24.02' });
    const halfCent = invoice({ feeLines: [feeLine('10.05')], taxRate: new Dec('0.05') });
    expect(printed(halfCent)).toMatchObject({ tax: '0.50', total: '10.55' });
  });

  it.each([
    ['partial cover', '20.00', '20.00', '4.00'],
    ['more credit than owed', '100', '24.00', '0.00'],
    ['credit beyond minor units rounds down', '5.009', '5.00', '19.00'],
  ])('applies credits against the total with tax: %s', (_case, available, applied, due) => {
    const draft = invoice({
      feeLines: [feeLine('20.00')],
      taxRate: new Dec('0.2'),
      availableCredits: new Dec(available),
    });
    expect(printed(draft)).toEqual({
      lines: [
        ['SUBSCRIPTION_FEE', 'Subscription fee', '20.00'],
        ['TAX', 'Tax 20 % on 20.00', '4.00'],
        ['CREDIT', 'Prepaid credits applied', `-${applied}`],
      ],
      subtotal: '20.00',
      tax: '4.00',
      total: '24.00',
      creditsApplied: applied,
      amountDue: due,
    });
  });

  it('draws no credit, and shows no credit line, when nothing is owed', () => {
    const draft = invoice({ feeLines: [feeLine('-5.00')], availableCredits: new Dec(10) });
    expect(printed(draft)).toEqual({
      lines: [['SUBSCRIPTION_FEE', 'Subscription fee', '-5.00']],
      subtotal: '-5.00',
      tax: '0.00',
      total: '-5.00',
      creditsApplied: '0.00',
      amountDue: '-5.00',
    });
  });

  it('orders lines fees, usage, adjustments, tax, credit', () => {
    const draft = invoice({
      usageLines: [usageLine('compute.vcpu', '1', '1')],
      adjustmentLines: [
        {
          meterCode: 'compute.vcpu',
          quantity: new Dec(12),
          preciseAmount: new Dec('6.004'),
          forPeriod: range('2026-07-01', '2026-08-01'),
          description: 'Late usage for 2026-07-01 – 2026-08-01: compute.vcpu +12 units',
        },
      ],
      feeLines: [feeLine('1')],
      availableCredits: new Dec(1),
      taxRate: new Dec('0.1'),
    });
    expect(printed(draft).lines).toEqual([
      ['SUBSCRIPTION_FEE', 'Subscription fee', '1.00'],
      ['USAGE', 'compute.vcpu: 1 units, plan plan v1, 2026-08-01 – 2026-09-01', '1.00'],
      ['ADJUSTMENT', 'Late usage for 2026-07-01 – 2026-08-01: compute.vcpu +12 units', '6.00'],
      ['TAX', 'Tax 10 % on 8.00', '0.80'],
      ['CREDIT', 'Prepaid credits applied', '-1.00'],
    ]);
    expect(draft.lines[2]).toMatchObject({ forPeriod: { start: utc('2026-07-01') } });
  });

  it.each<[string, Partial<InvoiceInput>, string]>([
    ['an unknown currency', { currency: 'XXX' }, 'unknown currency'],
    ['a negative tax rate', { taxRate: new Dec('-0.1') }, 'tax rate cannot be negative'],
    ['negative credits', { availableCredits: new Dec(-1) }, 'available credits cannot be negative'],
    ['an inverted period', { period: range('2026-09-01', '2026-08-01') }, 'ends before it starts'],
  ])('rejects %s', (_case, overrides, message) => {
    expect(() => invoice({ feeLines: [feeLine('1')], ...overrides })).toThrow(message);
  });
});
