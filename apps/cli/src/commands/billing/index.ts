import { Command } from 'commander';
import { billingRun } from './run';
import { billingRuns } from './runs';
import { billingUnpriced } from './unpriced';
import { billingWatch } from './watch';

export function billingCommands(program: Command): void {
  const group = program
    .command('billing')
    .description('billing runs and what they could not price');
  for (const add of [billingRun, billingRuns, billingWatch, billingUnpriced]) add(group);
  // The same commands by resource, for those who think in runs: `runs start|list|watch`,
  // `unpriced list`.
  const runs = program.command('runs').description('billing runs (as `billing run|runs|watch`)');
  billingRun(runs, 'start');
  billingRuns(runs, 'list');
  billingWatch(runs, 'watch');
  const unpriced = program
    .command('unpriced')
    .description('usage no plan priced (as `billing unpriced`)');
  billingUnpriced(unpriced, 'list');
}
