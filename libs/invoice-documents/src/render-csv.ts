import { stringify } from 'csv-stringify/sync';
import { DocumentInvoice } from './document-input';
import { money } from './document-text';

export const INVOICE_CSV_COLUMNS = [
  'invoice_number',
  'line_number',
  'kind',
  'description',
  'meter_code',
  'meter_name',
  'unit',
  'plan_name',
  'quantity',
  'amount',
  'currency',
  'from',
  'to',
] as const;

/** The invoice's lines as a spreadsheet opens them: UTF-8, a header row, decimal strings. */
export function renderInvoiceCsv(invoice: DocumentInvoice): Buffer {
  const rows = invoice.lines.map((line) => [
    invoice.number,
    String(line.number),
    line.kind,
    line.description,
    line.meterCode,
    line.meterName,
    line.unit,
    line.planName,
    line.quantity,
    money(line.amount, invoice.currency),
    invoice.currency,
    line.from?.toISOString() ?? '',
    line.to?.toISOString() ?? '',
  ]);
  return Buffer.from(stringify([[...INVOICE_CSV_COLUMNS], ...rows]), 'utf8');
}
