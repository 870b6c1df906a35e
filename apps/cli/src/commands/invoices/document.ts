import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DocumentFormat } from '@cascade/contracts';
import { action } from '../../core/context';
import { findInvoice } from './find-invoice';

const FORMATS = {
  pdf: DocumentFormat.PDF,
  html: DocumentFormat.HTML,
  csv: DocumentFormat.CSV,
} as const;

export function invoicesDocument(group: Command): void {
  group
    .command('pdf')
    .description('the invoice document as invoicing renders it (PDF, or HTML / CSV of its lines)')
    .argument('<invoice>', 'number or id')
    .option(
      '-o, --out-file <file>',
      "where to write it (default: the document's file name; - for stdout)",
    )
    .addOption(
      new Option('--format <format>', 'document format')
        .choices(Object.keys(FORMATS))
        .default('pdf'),
    )
    .option('--appendix', 'add the transparency appendix: usage per child tenant and resource')
    .addHelpText(
      'after',
      '\nExample:\n  cascade invoices pdf ACME-2026-000001 -o ACME-2026-000001.pdf --appendix',
    )
    .action(
      action(
        async (
          ctx,
          ref: string,
          opts: { outFile?: string; format: keyof typeof FORMATS; appendix?: boolean },
        ) => {
          const invoice = await findInvoice(ctx, ref);
          const document = await ctx.clients().invoices.getInvoiceDocument({
            id: invoice.id,
            format: FORMATS[opts.format],
            transparencyAppendix: Boolean(opts.appendix),
          });
          if (opts.outFile === '-') {
            process.stdout.write(document.content);
            return;
          }
          const file = opts.outFile ?? document.fileName;
          writeFileSync(file, document.content);
          ctx.note(`wrote ${file} (${document.contentType}, ${document.content.length} bytes)`);
        },
      ),
    );
}
