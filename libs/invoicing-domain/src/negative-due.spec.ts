import { Dec } from '@cascade/money';
import { assembleInvoice } from './invoice-draft';
import { creditNegativeDue } from './negative-due';
import { feeLine } from './testing/lines';

const PERIOD = { start: new Date('2026-06-01T00:00:00Z'), end: new Date('2026-07-01T00:00:00Z') };

function invoice(...amounts: string[]) {
  return assembleInvoice({
    sellerTenantId: 's',
    buyerTenantId: 'b',
    currency: 'USD',
    period: PERIOD,
    feeLines: amounts.map((a) => feeLine(a)),
    usageLines: [],
    taxRate: new Dec('0.2'),
  });
}

describe('creditNegativeDue', () => {
  it('turns a negative amount due into a credit line and credits for the buyer', () => {
    const draft = creditNegativeDue(invoice('-10.00', '4.00'));
    expect(draft.total.toFixed(2)).toBe('-7.20');
    expect(draft.amountDue.toFixed(2)).toBe('0.00');
    expect(draft.creditedToBalance.toFixed(2)).toBe('7.20');
    expect(draft.lines.map((l) => `${l.kind} ${l.amount.toFixed(2)}`)).toEqual([
      'SUBSCRIPTION_FEE -10.00',
      'SUBSCRIPTION_FEE 4.00',
      'TAX -1.20',
      'CREDIT 7.20',
    ]);
    expect(draft.lines.reduce((s, l) => s.plus(l.amount), new Dec(0)).toFixed(2)).toBe('0.00');
  });

  it('leaves an invoice that owes nothing back as it is', () => {
    const before = invoice('10.00');
    const draft = creditNegativeDue(before);
    expect(draft.lines).toEqual(before.lines);
    expect(draft.amountDue.toFixed(2)).toBe('12.00');
    expect(draft.creditedToBalance.toFixed(2)).toBe('0.00');
  });
});
