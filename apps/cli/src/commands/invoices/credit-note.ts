import { Command } from 'commander';
import { toJson } from '@bufbuild/protobuf';
import { CreditNoteSchema, LineKind } from '@cascade/contracts';
import { action } from '../../core/context';
import { CliError } from '../../core/exit-codes';
import { printList, printRecord } from '../../core/output';
import { findInvoice } from './find-invoice';

interface Options {
  reason: string;
  line: string[];
  amount?: string;
  toBalance?: boolean;
  idempotencyKey?: string;
}

export function invoicesCreditNote(group: Command): void {
  group
    .command('credit-note')
    .description('correct a finalized invoice with a credit note (whole invoice, or chosen lines)')
    .argument('<invoice>', 'number or id')
    .requiredOption('--reason <text>', 'why')
    .option(
      '--line <n>',
      'credit this line (repeatable); none credits every fee, usage and adjustment line',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--amount <decimal>', 'with one --line: credit only this much of it')
    .option('--to-balance', "add the total to the buyer's prepaid credits")
    .option('--idempotency-key <key>', 'the same key returns the first note')
    .addHelpText(
      'after',
      '\nExample:\n  cascade invoices credit-note ACME-2026-000001 --line 2 --amount 5.00 --reason "outage credit"',
    )
    .action(
      action(async (ctx, ref: string, opts: Options) => {
        if (opts.amount !== undefined && opts.line.length !== 1)
          throw new CliError('--amount: needs exactly one --line');
        const lines = opts.line.map((n) => {
          if (!/^[1-9]\d*$/.test(n))
            throw new CliError(`--line: expected a line number from 1, got ${JSON.stringify(n)}`);
          return { invoiceLineNumber: Number(n), amount: opts.amount ?? '' };
        });
        const invoice = await findInvoice(ctx, ref);
        const note = await ctx.clients().invoices.issueCreditNote({
          invoiceId: invoice.id,
          reason: opts.reason,
          lines,
          creditToBalance: Boolean(opts.toBalance),
          idempotencyKey: opts.idempotencyKey ?? '',
        });
        if (ctx.format !== 'table')
          return printRecord(ctx.out, ctx.format, [], toJson(CreditNoteSchema, note));
        printRecord(
          ctx.out,
          'table',
          [
            ['number', note.number],
            ['invoice', invoice.number || invoice.id],
            ['currency', note.currency],
            ['subtotal', note.subtotal],
            ['tax', note.tax],
            ['total', note.total],
            ['credited_to_balance', String(note.creditedToBalance)],
            ['id', note.id],
          ],
          null,
        );
        printList(
          ctx.out,
          'table',
          note.lines,
          [
            { header: 'line', value: (l) => String(l.invoiceLineNumber), right: true },
            { header: 'kind', value: (l) => LineKind[l.kind] },
            { header: 'description', value: (l) => l.description },
            { header: 'amount', value: (l) => l.amount, right: true },
          ],
          () => null,
        );
      }),
    );
}
