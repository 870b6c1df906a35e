import PDFDocument from 'pdfkit';
import { InvoiceDocumentInput, LineExplanation } from './document-input';
import {
  day,
  DRAFT_NOTICE,
  documentTitle,
  dueText,
  kindLabel,
  lineTitle,
  money,
  periodText,
  quantityText,
  tableLines,
  tierTexts,
  totalRows,
} from './document-text';

type Doc = InstanceType<typeof PDFDocument>;

const LEFT = 50;
const BOTTOM = 780;
const DEFAULT_ACCENT = '#1f4e79';
/** Columns of the lines table: x and width. */
const COLUMNS = {
  number: [LEFT, 22],
  kind: [75, 75],
  item: [150, 225],
  quantity: [380, 95],
  amount: [475, 70],
} as const;

/**
 * The invoice as an A4 PDF with pdfkit's built-in Helvetica (no font files).
 * Dates in the document's metadata are the invoice's, so the same invoice
 * renders the same document.
 */
export function renderInvoicePdf(input: InvoiceDocumentInput): Promise<Buffer> {
  const { invoice } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: LEFT,
    info: {
      Title: documentTitle(invoice),
      Author: input.seller.name,
      CreationDate: invoice.issuedAt ?? invoice.periodEnd,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (invoice.status === 'DRAFT') {
    watermark(doc);
    doc.on('pageAdded', () => watermark(doc));
  }
  header(doc, input);
  linesTable(doc, input);
  totals(doc, input);
  if (input.explanations) appendix(doc, input.explanations);
  doc.end();
  return done;
}

function watermark(doc: Doc): void {
  doc.save();
  doc.rotate(-35, { origin: [300, 420] });
  doc.font('Helvetica-Bold').fontSize(110).fillColor('#cc0000', 0.12);
  doc.text('DRAFT', 110, 380, { lineBreak: false });
  doc.restore();
  doc.fillColor('#222222', 1);
}

function header(doc: Doc, input: InvoiceDocumentInput): void {
  const { invoice, seller, buyer, brand } = input;
  const accent = /^#[0-9a-fA-F]{6}$/.test(brand.accentColor) ? brand.accentColor : DEFAULT_ACCENT;
  let top = 50;
  // pdfkit draws PNG and JPEG; an SVG logo is left out rather than drawn wrong.
  if (brand.logo && brand.logo.contentType === 'image/png') {
    doc.image(Buffer.from(brand.logo.data), LEFT, top, { fit: [160, 48] });
    top += 56;
  }
  doc.font('Helvetica-Bold').fontSize(18).fillColor(accent);
  doc.text(documentTitle(invoice), LEFT, top);
  doc.fontSize(10).fillColor('#bb0000');
  if (invoice.status === 'DRAFT') doc.text(DRAFT_NOTICE);
  if (invoice.status === 'VOID') doc.text('VOID');
  doc.fillColor('#222222').font('Helvetica').fontSize(10);
  const partiesTop = doc.y + 12;
  party(doc, 'From', seller, LEFT, partiesTop);
  const leftEnd = doc.y;
  party(doc, 'Bill to', buyer, 320, partiesTop);
  doc.y = Math.max(leftEnd, doc.y) + 12;
  const facts: [string, string][] = [
    ['Period', periodText(invoice.periodStart, invoice.periodEnd)],
    ['Issued', day(invoice.issuedAt) || 'not yet (draft)'],
    ['Due', dueText(invoice.issuedAt, invoice.dueAt) || '-'],
    ['Currency', invoice.currency],
  ];
  for (const [label, value] of facts) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(label, LEFT, y, { width: 80 });
    doc.font('Helvetica').text(value, 130, y);
  }
  doc.moveDown();
}

function party(doc: Doc, title: string, p: InvoiceDocumentInput['seller'], x: number, y: number) {
  doc.font('Helvetica-Bold').text(title, x, y, { width: 220 });
  doc.font('Helvetica');
  for (const row of [
    p.name,
    p.address,
    p.taxId && `Tax id: ${p.taxId}`,
    p.externalRef && `Ref: ${p.externalRef}`,
  ]) {
    if (row) doc.text(row, x, doc.y, { width: 220 });
  }
}

function cell(doc: Doc, column: keyof typeof COLUMNS, text: string, y: number, right = false) {
  const [x, width] = COLUMNS[column];
  doc.text(text, x, y, { width, align: right ? 'right' : 'left' });
  return doc.y;
}

function room(doc: Doc, needed: number): number {
  if (doc.y + needed > BOTTOM) doc.addPage();
  return doc.y;
}

function linesTable(doc: Doc, input: InvoiceDocumentInput): void {
  const { invoice } = input;
  let y = room(doc, 40);
  doc.font('Helvetica-Bold').fontSize(10);
  cell(doc, 'number', '#', y);
  cell(doc, 'kind', 'Kind', y);
  cell(doc, 'item', 'Item', y);
  cell(doc, 'quantity', 'Quantity', y, true);
  cell(doc, 'amount', 'Amount', y, true);
  doc.font('Helvetica');
  for (const line of tableLines(invoice)) {
    y = room(doc, 40) + 4;
    const ends = [
      cell(doc, 'number', String(line.number), y),
      cell(doc, 'kind', kindLabel(line.kind), y),
      cell(doc, 'quantity', quantityText(line), y, true),
      cell(doc, 'amount', money(line.amount, invoice.currency), y, true),
    ];
    doc.text(lineTitle(line), COLUMNS.item[0], y, { width: COLUMNS.item[1] });
    doc.fontSize(8).fillColor('#666666');
    if (line.description && line.description !== lineTitle(line))
      doc.text(line.description, { width: COLUMNS.item[1] });
    for (const tier of tierTexts(line)) doc.text(tier, { width: COLUMNS.item[1] });
    doc.fontSize(10).fillColor('#222222');
    doc.y = Math.max(doc.y, ...ends);
  }
  doc.moveDown();
}

function totals(doc: Doc, input: InvoiceDocumentInput): void {
  for (const row of totalRows(input.invoice)) {
    const y = room(doc, 20);
    doc.font(row.label.startsWith('Amount due') ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(row.label, 300, y, { width: 170 });
    doc.text(row.amount, COLUMNS.amount[0], y, { width: COLUMNS.amount[1], align: 'right' });
  }
  doc.font('Helvetica');
}

function appendix(doc: Doc, explanations: LineExplanation[]): void {
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(14).text('Transparency appendix', LEFT, 50);
  doc.fontSize(10);
  for (const e of explanations) {
    room(doc, 40);
    doc.moveDown(0.5).font('Helvetica-Bold');
    doc.text(`Line ${e.lineNumber}: ${e.quantity} ${e.unit}`.trim(), LEFT);
    doc.font('Helvetica');
    const rows: [string, LineExplanation['byTenant']][] = [
      ['Tenant', e.byTenant],
      ['Resource', e.byResource],
    ];
    for (const [title, list] of rows) {
      for (const c of list) {
        const y = room(doc, 14);
        doc.text(title, LEFT, y, { width: 70 });
        doc.text(c.name || c.key || '(none)', 120, y, { width: 260 });
        doc.text(`${c.quantity} ${e.unit}`.trim(), 380, y, { width: 165, align: 'right' });
      }
    }
  }
}
