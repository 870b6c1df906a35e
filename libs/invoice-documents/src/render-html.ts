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

const DEFAULT_ACCENT = '#1f4e79';

/** One self-contained HTML page (inline styles, the logo as a data URL). */
export function renderInvoiceHtml(input: InvoiceDocumentInput): Buffer {
  const { invoice, seller, buyer, brand } = input;
  const accent = /^#[0-9a-fA-F]{6}$/.test(brand.accentColor) ? brand.accentColor : DEFAULT_ACCENT;
  const logo = brand.logo
    ? `<img class="logo" alt="" src="data:${esc(brand.logo.contentType)};base64,${Buffer.from(brand.logo.data).toString('base64')}">`
    : '';
  const lines = tableLines(invoice)
    .map((line) => {
      const tiers = tierTexts(line)
        .map((tier) => `<div class="tier">${esc(tier)}</div>`)
        .join('');
      return `<tr><td>${line.number}</td><td>${esc(kindLabel(line.kind))}</td><td>${esc(lineTitle(line))}<div class="desc">${esc(line.description)}</div>${tiers}</td><td class="num">${esc(quantityText(line))}</td><td class="num">${esc(money(line.amount, invoice.currency))}</td></tr>`;
    })
    .join('\n');
  const totals = totalRows(invoice)
    .map((row) => `<tr><th>${esc(row.label)}</th><td class="num">${esc(row.amount)}</td></tr>`)
    .join('\n');
  const watermark = invoice.status === 'DRAFT' ? '<div class="watermark">DRAFT</div>' : '';
  const notice =
    invoice.status === 'DRAFT'
      ? `<p class="void">${esc(DRAFT_NOTICE)}</p>`
      : invoice.status === 'VOID'
        ? '<p class="void">VOID</p>'
        : '';
  return Buffer.from(
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(documentTitle(invoice))}</title>
<style>
body{font-family:Helvetica,Arial,sans-serif;color:#222;margin:2em;position:relative}
h1{color:${accent}}.logo{max-height:64px}.num{text-align:right}
table{border-collapse:collapse;width:100%}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
.desc,.tier{color:#666;font-size:90%}.parties{display:flex;gap:4em}
.watermark{position:fixed;top:40%;left:20%;font-size:120px;color:rgba(200,0,0,.15);transform:rotate(-30deg);pointer-events:none}
.void{color:#b00;font-weight:bold}
</style></head><body>
${watermark}${logo}
<h1>${esc(documentTitle(invoice))}</h1>${notice}
<div class="parties">
<div><h2>From</h2>${party(seller)}</div>
<div><h2>Bill to</h2>${party(buyer)}</div>
</div>
<table class="facts">
<tr><th>Period</th><td>${esc(periodText(invoice.periodStart, invoice.periodEnd))}</td></tr>
<tr><th>Issued</th><td>${esc(day(invoice.issuedAt))}</td></tr>
<tr><th>Due</th><td>${esc(dueText(invoice.issuedAt, invoice.dueAt))}</td></tr>
<tr><th>Currency</th><td>${esc(invoice.currency)}</td></tr>
</table>
<h2>Lines</h2>
<table class="lines"><thead><tr><th>#</th><th>Kind</th><th>Item</th><th class="num">Quantity</th><th class="num">Amount</th></tr></thead>
<tbody>
${lines}
</tbody></table>
<table class="totals">
${totals}
</table>
${appendix(input.explanations)}
</body></html>
`,
    'utf8',
  );
}

function party(p: InvoiceDocumentInput['seller']): string {
  const rows = [
    p.name,
    p.address,
    p.taxId && `Tax id: ${p.taxId}`,
    p.externalRef && `Ref: ${p.externalRef}`,
  ];
  return rows
    .filter(Boolean)
    .map((row) => `<div>${esc(row as string)}</div>`)
    .join('');
}

function appendix(explanations: LineExplanation[] | undefined): string {
  if (!explanations) return '';
  const sections = explanations.map((e) => {
    const rows = (title: string, list: LineExplanation['byTenant']) =>
      list
        .map(
          (c) =>
            `<tr><td>${esc(title)}</td><td>${esc(c.name || c.key || '(none)')}</td><td class="num">${esc(c.quantity)} ${esc(e.unit)}</td></tr>`,
        )
        .join('');
    return `<h3>Line ${e.lineNumber}: ${esc(e.quantity)} ${esc(e.unit)}</h3><table>${rows('Tenant', e.byTenant)}${rows('Resource', e.byResource)}</table>`;
  });
  return `<h2>Transparency appendix</h2>\n${sections.join('\n')}`;
}

function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
