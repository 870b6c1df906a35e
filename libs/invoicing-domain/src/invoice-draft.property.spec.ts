import fc from 'fast-check';
import { Dec, minorUnits, roundToCurrency, sum } from '@cascade/money';
import { assembleInvoice } from './invoice-draft';
import { range } from './testing/fixtures';
import { feeLine, usageLine } from './testing/lines';

/** A decimal with up to 8 fraction digits, built from an integer so no float is involved. */
const decimal = (min: bigint, max: bigint) =>
  fc
    .tuple(fc.bigInt({ min, max }), fc.integer({ min: 0, max: 8 }))
    .map(([units, scale]) => new Dec(units.toString()).div(new Dec(10).pow(scale)));

describe('assembleInvoice adds up, whatever the lines', () => {
  it('subtotal = Σ rounded lines; total = subtotal + tax; 0 ≤ credits ≤ total; due = total − credits = Σ all lines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('USD', 'JPY', 'BHD'),
        fc.array(decimal(-10_000_000n, 1_000_000_000n), { maxLength: 8 }),
        fc.array(decimal(0n, 1_000_000_000n), { maxLength: 8 }),
        fc.option(decimal(0n, 300n).map((d) => d.div(1000))),
        fc.option(decimal(0n, 100_000_000n)),
        (currency, fees, usage, taxRate, availableCredits) => {
          const draft = assembleInvoice({
            sellerTenantId: 's',
            buyerTenantId: 'b',
            currency,
            period: range('2026-08-01', '2026-09-01'),
            feeLines: fees.map((amount) => feeLine(amount.toFixed())),
            usageLines: usage.map((amount) => usageLine('m', '1', amount.toFixed())),
            taxRate: taxRate ?? undefined,
            availableCredits: availableCredits ?? undefined,
          });
          const charged = draft.lines.filter(
            (line) => line.kind !== 'CREDIT' && line.kind !== 'TAX',
          );
          for (const line of charged) {
            expect(line.amount.eq(roundToCurrency(line.preciseAmount, currency))).toBe(true);
            expect(line.amount.decimalPlaces()).toBeLessThanOrEqual(minorUnits(currency));
          }
          expect(draft.subtotal.eq(sum(charged.map((line) => line.amount)))).toBe(true);
          expect(draft.tax.eq(roundToCurrency(draft.subtotal.times(draft.taxRate), currency))).toBe(
            true,
          );
          expect(draft.total.eq(draft.subtotal.plus(draft.tax))).toBe(true);
          expect(draft.creditsApplied.gte(0)).toBe(true);
          expect(draft.creditsApplied.lte(Dec.max(draft.total, 0))).toBe(true);
          expect(draft.amountDue.eq(draft.total.minus(draft.creditsApplied))).toBe(true);
          // Every line together, tax and credit included, is what the buyer owes.
          expect(draft.amountDue.eq(sum(draft.lines.map((line) => line.amount)))).toBe(true);
          const taxLines = draft.lines.filter((line) => line.kind === 'TAX');
          expect(taxLines.map((line) => line.amount.toFixed())).toEqual(
            draft.taxRate.isZero() ? [] : [draft.tax.toFixed()],
          );
          const credit = draft.lines.filter((line) => line.kind === 'CREDIT');
          expect(credit.map((line) => line.amount.toFixed())).toEqual(
            draft.creditsApplied.isZero() ? [] : [draft.creditsApplied.negated().toFixed()],
          );
        },
      ),
    );
  });
});
