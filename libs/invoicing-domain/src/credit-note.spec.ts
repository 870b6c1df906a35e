import { Dec } from '@cascade/money';
import { CreditableLine, creditNote, CreditNoteError, CreditNoteInput } from './credit-note';

const line = (
  lineNo: number,
  kind: CreditableLine['kind'],
  amount: string,
  meterCode = '',
): CreditableLine => ({
  lineNo,
  kind,
  description: `line ${lineNo}`,
  meterCode,
  amount: new Dec(amount),
});

const INVOICE: Pick<CreditNoteInput, 'currency' | 'taxRate' | 'lines' | 'taxLeft'> = {
  currency: 'USD',
  taxRate: new Dec('0.1'),
  lines: [
    line(1, 'SUBSCRIPTION_FEE', '30.00'),
    line(2, 'USAGE', '15.05', 'vcpu'),
    line(3, 'TAX', '4.51'),
    line(4, 'CREDIT', '-10.00'),
  ],
  taxLeft: new Dec('4.51'),
};

function note(input: Partial<CreditNoteInput>) {
  const draft = creditNote({ ...INVOICE, credited: new Map(), requested: [], ...input });
  return {
    lines: draft.lines.map((l) => [
      l.invoiceLineNo,
      l.meterCode,
      l.amount.toFixed(2),
      l.description,
    ]),
    totals: [draft.subtotal, draft.tax, draft.total].map((d) => d.toFixed(2)),
  };
}

describe('creditNote', () => {
  it('credits every chargeable line in full, tax exactly as invoiced', () => {
    expect(note({})).toEqual({
      lines: [
        [1, '', '30.00', 'Credit for line 1: line 1'],
        [2, 'vcpu', '15.05', 'Credit for line 2: line 2'],
      ],
      totals: ['45.05', '4.51', '49.56'],
    });
  });

  it('credits part of a line, at the invoice tax rate', () => {
    expect(
      note({ requested: [{ lineNo: 2, amount: new Dec('5.05'), description: 'outage' }] }),
    ).toEqual({
      lines: [[2, 'vcpu', '5.05', 'outage']],
      totals: ['5.05', '0.51', '5.56'],
    });
  });

  it('never takes back more tax than is left, and what is left once the invoice is emptied', () => {
    const tiny = { ...INVOICE, lines: [line(1, 'USAGE', '0.10', 'm')], taxLeft: new Dec('0.01') };
    const first = creditNote({
      ...tiny,
      credited: new Map(),
      requested: [{ lineNo: 1, amount: new Dec('0.05') }],
    });
    expect(first.tax.toFixed(2)).toBe('0.01');
    const second = creditNote({
      ...tiny,
      taxLeft: tiny.taxLeft.minus(first.tax),
      credited: new Map([[1, new Dec('0.05')]]),
      requested: [],
    });
    expect([second.subtotal.toFixed(2), second.tax.toFixed(2)]).toEqual(['0.05', '0.00']);
  });

  it.each<[string, Partial<CreditNoteInput>, string, string]>([
    [
      'an unknown line',
      { requested: [{ lineNo: 9 }] },
      'INVALID',
      'lines[0].invoice_line_number: the invoice has no line 9',
    ],
    [
      'a tax line',
      { requested: [{ lineNo: 3 }] },
      'INVALID',
      'lines[0].invoice_line_number: line 3 is a TAX line; only fee, usage and adjustment lines can be credited',
    ],
    [
      'a line listed twice',
      { requested: [{ lineNo: 1 }, { lineNo: 1 }] },
      'INVALID',
      'lines[1].invoice_line_number: line 1 is listed twice',
    ],
    [
      'a zero amount',
      { requested: [{ lineNo: 1, amount: new Dec(0) }] },
      'INVALID',
      'lines[0].amount: must be positive',
    ],
    [
      'sub-cent amounts',
      { requested: [{ lineNo: 1, amount: new Dec('1.001') }] },
      'INVALID',
      'lines[0].amount: USD has 2 decimal places; got 1.001',
    ],
    [
      'more than is left',
      { requested: [{ lineNo: 2, amount: new Dec('6') }], credited: new Map([[2, new Dec('10')]]) },
      'PRECONDITION',
      'lines[0].amount: 6.00 is more than the 5.05 left to credit on line 2',
    ],
    [
      'an invoice already credited in full',
      {
        credited: new Map([
          [1, new Dec('30')],
          [2, new Dec('15.05')],
        ]),
      },
      'PRECONDITION',
      'lines: the invoice has nothing left to credit',
    ],
  ])('refuses %s', (_case, input, reason, message) => {
    const attempt = () => creditNote({ ...INVOICE, credited: new Map(), requested: [], ...input });
    expect(attempt).toThrow(CreditNoteError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as CreditNoteError).reason).toBe(reason);
    }
  });
});
