import { Command } from 'commander';
import { invoicesCreditNote } from './credit-note';
import { invoicesDiscard } from './discard';
import { invoicesDocument } from './document';
import { invoicesExplain } from './explain';
import { invoicesLifecycle } from './lifecycle';
import { invoicesList } from './list';
import { invoicesShow } from './show';

export function invoicesCommands(program: Command): void {
  const group = program.command('invoices').description('invoices, their lifecycle and documents');
  for (const add of [
    invoicesList,
    invoicesShow,
    invoicesLifecycle,
    invoicesDiscard,
    invoicesCreditNote,
    invoicesDocument,
    invoicesExplain,
  ])
    add(group);
  // `cascade explain NUMBER LINE`, as the issue spells it, is the same command.
  invoicesExplain(program);
}
