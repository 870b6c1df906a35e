import { Command } from 'commander';
import { usageImport } from './import';
import { usageQuery } from './query';

export function usageCommands(program: Command): void {
  const group = program.command('usage').description('usage events and totals');
  usageImport(group);
  usageQuery(group);
}
