export * from './document-input';
export { fileStem } from './document-text';
export { INVOICE_CSV_COLUMNS, renderInvoiceCsv } from './render-csv';
export { renderInvoiceHtml } from './render-html';
export { renderInvoicePdf } from './render-pdf';
