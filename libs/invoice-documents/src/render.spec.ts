import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { InvoiceDocumentInput } from './document-input';
import { renderInvoiceCsv } from './render-csv';
import { renderInvoiceHtml } from './render-html';
import { renderInvoicePdf } from './render-pdf';

const ARTEFACTS = path.resolve(__dirname, '../../../test-artifacts/invoice-documents');

function input(currency: string, status: 'DRAFT' | 'FINALIZED'): InvoiceDocumentInput {
  return {
    invoice: {
      id: 'inv-1',
      number: status === 'DRAFT' ? '' : 'ACME-2026-000007',
      status,
      currency,
      periodStart: new Date('2026-10-01T00:00:00Z'),
      periodEnd: new Date('2026-11-01T00:00:00Z'),
      issuedAt: status === 'DRAFT' ? undefined : new Date('2026-11-02T09:00:00Z'),
      dueAt: status === 'DRAFT' ? undefined : new Date('2026-12-02T09:00:00Z'),
      lines: [
        {
          number: 1,
          kind: 'SUBSCRIPTION_FEE',
          description: 'Subscription fee, Gold plan',
          meterCode: '',
          meterName: '',
          unit: '',
          planName: '',
          quantity: '',
          amount: currency === 'JPY' ? '5000' : '50.00',
          tiers: [],
        },
        {
          number: 2,
          kind: 'USAGE',
          description: 'compute.vcpu usage',
          meterCode: 'compute.vcpu',
          meterName: 'vCPU time',
          unit: 'vCPU-hours',
          planName: 'Gold',
          quantity: '1500',
          amount: currency === 'JPY' ? '1250' : '12.345',
          tiers: [
            { units: '1000', unitPrice: '0.01', amount: '10' },
            { units: '500', unitPrice: '0.00469', amount: '2.345' },
          ],
        },
        {
          number: 3,
          kind: 'TAX',
          description: 'Tax',
          meterCode: '',
          meterName: '',
          unit: '',
          planName: '',
          quantity: '',
          amount: '0',
          tiers: [],
        },
      ],
      subtotal: currency === 'JPY' ? '6250' : '62.345',
      taxRate: '0.2',
      tax: currency === 'JPY' ? '1250' : '12.469',
      total: currency === 'JPY' ? '7500' : '74.814',
      creditsApplied: '0',
      amountDue: currency === 'JPY' ? '7500' : '74.814',
    },
    seller: {
      id: 's',
      name: 'Acme Cloud',
      externalRef: 'acme',
      address: '1 Main St',
      taxId: 'EU123',
    },
    buyer: { id: 'b', name: 'Reseller Ünø', externalRef: 'r1', address: '', taxId: '' },
    brand: { accentColor: '' },
    explanations: [
      {
        lineNumber: 2,
        quantity: '1500',
        unit: 'vCPU-hours',
        byTenant: [
          { key: 'c1', name: 'Customer One', quantity: '1000' },
          { key: 'c2', name: 'Customer Two', quantity: '500' },
        ],
        byResource: [{ key: 'vm-42', name: '', quantity: '1500' }],
      },
    ],
  };
}

function pdfText(pdf: Buffer, name: string): string {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    file,
    file.replace(/\.pdf$/, ''),
  ]);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('invoice documents', () => {
  test('a finalized USD invoice: number, dates, lines, tiers and totals in cents', async () => {
    const text = pdfText(await renderInvoicePdf(input('USD', 'FINALIZED')), 'usd-finalized');
    expect(text).toContain('Invoice ACME-2026-000007');
    expect(text).toMatch(/Period\s+2026-10-01 to 2026-10-31/);
    expect(text).toMatch(/Issued\s+2026-11-02/);
    expect(text).toMatch(/Due\s+2026-12-02 \(net 30 days\)/);
    expect(text).toContain('Reseller Ünø');
    expect(text).toContain('Tax id: EU123');
    expect(text).toMatch(/2\s+Usage\s+vCPU time \(compute.vcpu\), Gold\s+1500 vCPU-hours\s+12\.35/);
    expect(text).toContain('1000 x 0.01 = 10');
    expect(text).toContain('500 x 0.00469 = 2.345');
    expect(text).toMatch(/Subtotal\s+62\.35/);
    expect(text).toMatch(/Tax \(20 %\)\s+12\.47/);
    expect(text).toMatch(/Amount due \(USD\)\s+74\.81/);
    expect(text).not.toContain('DRAFT');
    expect(text).not.toContain('VOID');
    expect(text).toMatch(/Tenant\s+Customer One\s+1000 vCPU-hours/);
    expect(text).toMatch(/Resource\s+vm-42\s+1500 vCPU-hours/);
  });

  test('a JPY draft: no decimals, watermarked, no number', async () => {
    const text = pdfText(await renderInvoicePdf(input('JPY', 'DRAFT')), 'jpy-draft');
    expect(text).toContain('Draft invoice inv-1');
    expect(text).toContain('DRAFT - not payable; the number is given on finalization');
    expect(text).toMatch(/Amount due \(JPY\)\s+7500\n/);
    expect(text).toMatch(/Subtotal\s+6250\n/);
  });

  test('HTML escapes text and CSV has a header row and decimal strings', () => {
    const html = renderInvoiceHtml(input('BHD', 'DRAFT')).toString('utf8');
    expect(html).toContain('<div class="watermark">DRAFT</div>');
    expect(html).toContain('<th>Amount due (BHD)</th><td class="num">74.814</td>');
    const csv = renderInvoiceCsv(input('BHD', 'FINALIZED').invoice).toString('utf8');
    expect(csv.split('\n')).toEqual([
      'invoice_number,line_number,kind,description,meter_code,meter_name,unit,plan_name,quantity,amount,currency,from,to',
      'ACME-2026-000007,1,SUBSCRIPTION_FEE,"Subscription fee, Gold plan",,,,,,50.000,BHD,,',
      'ACME-2026-000007,2,USAGE,compute.vcpu usage,compute.vcpu,vCPU time,vCPU-hours,Gold,1500,12.345,BHD,,',
      'ACME-2026-000007,3,TAX,Tax,,,,,,0.000,BHD,,',
      '',
    ]);
  });
});
