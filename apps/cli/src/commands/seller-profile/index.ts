import { Command } from 'commander';
import { sellerProfileGet } from './get';
import { sellerProfileSet } from './set';

/**
 * A seller's invoice settings and brand (invoicing's SellerProfile). Named apart from
 * `profiles`, which are the CLI's own connection profiles; `profile` is its short alias.
 */
export function sellerProfileCommands(program: Command): void {
  const group = program
    .command('seller-profile')
    .alias('profile')
    .description("a seller's invoice prefix, payment terms and brand, inherited down the tree");
  for (const add of [sellerProfileGet, sellerProfileSet]) add(group);
}
