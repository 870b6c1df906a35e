import { Command } from 'commander';
import { billingRun } from './run';
import { billingRuns } from './runs';
import { billingUnpriced } from './unpriced';

export function billingCommands(program: Command): void {
  const group = program
    .command('billing')
    .description('billing runs and what they could not price');
  for (const add of [billingRun, billingRuns, billingUnpriced]) add(group);
}
