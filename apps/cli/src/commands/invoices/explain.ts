import { Command } from 'commander';
import { toJson } from '@bufbuild/protobuf';
import { InvoiceLineExplanationSchema, LineContribution } from '@cascade/contracts';
import { action } from '../../core/context';
import { CliError } from '../../core/exit-codes';
import { printList } from '../../core/output';
import { findInvoice } from './find-invoice';

export function invoicesExplain(group: Command): void {
  group
    .command('explain')
    .description('one invoice line down to the child tenants and resources behind it')
    .argument('<invoice>', 'number or id')
    .argument('<line>', 'line number, from 1')
    .addHelpText('after', '\nExample:\n  cascade invoices explain ACME-2026-000001 2')
    .action(
      action(async (ctx, ref: string, line: string) => {
        if (!/^[1-9]\d*$/.test(line))
          throw new CliError(`line: expected a line number from 1, got ${JSON.stringify(line)}`);
        const invoice = await findInvoice(ctx, ref);
        const answer = await ctx
          .clients()
          .invoices.explainInvoiceLine({ invoiceId: invoice.id, lineNumber: Number(line) });
        if (ctx.format === 'json') {
          ctx.out(`${JSON.stringify(toJson(InvoiceLineExplanationSchema, answer), null, 2)}\n`);
          return;
        }
        const rows = [
          ...answer.byTenant.map((c) => ({ by: 'tenant', c })),
          ...answer.byResource.map((c) => ({ by: 'resource', c })),
        ];
        ctx.note(`line ${line}: ${answer.quantity} ${answer.unit}`);
        printList(
          ctx.out,
          ctx.format,
          rows,
          [
            { header: 'by', value: (r) => r.by },
            { header: 'key', value: (r) => r.c.key },
            { header: 'name', value: (r) => r.c.name },
            { header: 'quantity', value: (r) => r.c.quantity, right: true },
          ],
          (r: { by: string; c: LineContribution }) => ({
            by: r.by,
            key: r.c.key,
            name: r.c.name,
            quantity: r.c.quantity,
            unit: answer.unit,
          }),
        );
      }),
    );
}
