import { Command } from 'commander';
import { tenantsClose } from './close';
import { tenantsCreate } from './create';
import { tenantsGet } from './get';
import { tenantsImport } from './import';
import { tenantsList } from './list';
import { tenantsMove } from './move';
import { tenantsTree } from './tree';

export function tenantsCommands(program: Command): void {
  const group = program.command('tenants').description('the tenant tree');
  for (const add of [
    tenantsTree,
    tenantsGet,
    tenantsList,
    tenantsCreate,
    tenantsMove,
    tenantsClose,
    tenantsImport,
  ])
    add(group);
}
