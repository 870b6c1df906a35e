import { Command } from 'commander';
import { plansApply } from './apply';
import { plansAssign } from './assign';
import { plansGet } from './get';
import { plansList } from './list';

export function plansCommands(program: Command): void {
  const group = program.command('plans').description("sellers' plans and who is on them");
  for (const add of [plansApply, plansList, plansGet, plansAssign]) add(group);
}
