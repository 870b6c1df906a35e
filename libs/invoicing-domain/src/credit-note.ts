import { Dec, minorUnits, roundToCurrency, sum, ZERO } from '@cascade/money';
import { InvoiceLineKind } from './invoice-line';

/** A line of the finalized invoice being credited, as it was billed (rounded). */
export interface CreditableLine {
  /** 1-based position on the invoice. */
  readonly lineNo: number;
  readonly kind: InvoiceLineKind;
  readonly description: string;
  readonly meterCode: string;
  readonly amount: Dec;
}

export interface CreditRequestLine {
  readonly lineNo: number;
  /** Positive, in the currency's minor units; none credits what is left of the line. */
  readonly amount?: Dec;
  readonly description?: string;
}

export interface CreditNoteInput {
  readonly currency: string;
  readonly taxRate: Dec;
  readonly lines: readonly CreditableLine[];
  /** What earlier credit notes took from each invoice line, by line number. */
  readonly credited: ReadonlyMap<number, Dec>;
  /** The invoice's tax less what earlier credit notes took back. */
  readonly taxLeft: Dec;
  /** Empty credits every chargeable line in full (what is left of it). */
  readonly requested: readonly CreditRequestLine[];
}

export interface CreditNoteLine {
  readonly invoiceLineNo: number;
  readonly kind: InvoiceLineKind;
  readonly description: string;
  readonly meterCode: string;
  /** Positive: the amount credited. */
  readonly amount: Dec;
}

export interface CreditNoteDraft {
  readonly lines: readonly CreditNoteLine[];
  readonly subtotal: Dec;
  readonly tax: Dec;
  readonly total: Dec;
}

/** Why a credit note cannot be issued: the request (`INVALID`) or the invoice's state (`PRECONDITION`). */
export class CreditNoteError extends Error {
  constructor(
    readonly reason: 'INVALID' | 'PRECONDITION',
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'CreditNoteError';
  }
}

const CREDITABLE: ReadonlySet<InvoiceLineKind> = new Set([
  'SUBSCRIPTION_FEE',
  'USAGE',
  'ADJUSTMENT',
]);

/**
 * A correction to a finalized invoice, which itself never changes: each credited line
 * names the invoice line it takes back, never more than is left of it after earlier
 * notes. Tax is taken back at the invoice's own rate, once on the note's subtotal.
 */
export function creditNote(input: CreditNoteInput): CreditNoteDraft {
  const places = minorUnits(input.currency);
  const left = (line: CreditableLine) => line.amount.minus(input.credited.get(line.lineNo) ?? ZERO);
  const lines =
    input.requested.length === 0
      ? input.lines
          .filter((line) => CREDITABLE.has(line.kind) && left(line).gt(0))
          .map((line) => creditLine(line, left(line)))
      : input.requested.map((request, i) => {
          const field = `lines[${i}]`;
          if (input.requested.findIndex((r) => r.lineNo === request.lineNo) !== i)
            throw invalid(`${field}.invoice_line_number`, `line ${request.lineNo} is listed twice`);
          const line = input.lines.find((l) => l.lineNo === request.lineNo);
          if (!line)
            throw invalid(
              `${field}.invoice_line_number`,
              `the invoice has no line ${request.lineNo}`,
            );
          if (!CREDITABLE.has(line.kind))
            throw invalid(
              `${field}.invoice_line_number`,
              `line ${line.lineNo} is a ${line.kind} line; only fee, usage and adjustment lines can be credited`,
            );
          const amount = request.amount ?? left(line);
          if (!amount.gt(0)) throw invalid(`${field}.amount`, 'must be positive');
          if (amount.decimalPlaces() > places)
            throw invalid(
              `${field}.amount`,
              `${input.currency} has ${places} decimal places; got ${amount.toFixed()}`,
            );
          if (amount.gt(left(line)))
            throw new CreditNoteError(
              'PRECONDITION',
              `${field}.amount`,
              `${amount.toFixed(places)} is more than the ${Dec.max(left(line), 0).toFixed(places)} left to credit on line ${line.lineNo}`,
            );
          return creditLine(line, amount, request.description);
        });
  if (lines.length === 0)
    throw new CreditNoteError('PRECONDITION', 'lines', 'the invoice has nothing left to credit');
  const subtotal = sum(lines.map((l) => l.amount));
  const tax = taxOf(input, lines, subtotal);
  return { lines, subtotal, tax, total: subtotal.plus(tax) };
}

/**
 * The note's tax: the rate on its subtotal, rounded half-up, but never more than the
 * invoice has left (rounding each note could otherwise take back a cent too many), and
 * exactly what is left once the note empties the invoice, so notes add up to it.
 */
function taxOf(input: CreditNoteInput, lines: readonly CreditNoteLine[], subtotal: Dec): Dec {
  const taxLeft = Dec.max(input.taxLeft, 0);
  const emptied = input.lines
    .filter((line) => CREDITABLE.has(line.kind) && line.amount.gt(0))
    .every((line) => {
      const now = sum(lines.filter((l) => l.invoiceLineNo === line.lineNo).map((l) => l.amount));
      return line.amount
        .minus(input.credited.get(line.lineNo) ?? ZERO)
        .minus(now)
        .lte(0);
    });
  if (emptied) return taxLeft;
  return Dec.min(roundToCurrency(subtotal.times(input.taxRate), input.currency), taxLeft);
}

function creditLine(line: CreditableLine, amount: Dec, description?: string): CreditNoteLine {
  return {
    invoiceLineNo: line.lineNo,
    kind: line.kind,
    description: description?.trim() || `Credit for line ${line.lineNo}: ${line.description}`,
    meterCode: line.meterCode,
    amount,
  };
}

function invalid(field: string, message: string): CreditNoteError {
  return new CreditNoteError('INVALID', field, message);
}
