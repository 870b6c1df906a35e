import { Command, Option } from 'commander';
import { FORMATS } from './core/output';
import { billingCommands } from './commands/billing';
import { completionCommand } from './commands/completion';
import { invoicesCommands } from './commands/invoices';
import { keysCommands } from './commands/keys';
import { auditCommand } from './commands/audit';
import { marginCommand } from './commands/margin';
import { metersCommands } from './commands/meters';
import { plansCommands } from './commands/plans';
import { profilesCommands } from './commands/profiles';
import { sellerProfileCommands } from './commands/seller-profile';
import { tenantsCommands } from './commands/tenants';
import { usageCommands } from './commands/usage';

/** The whole command tree; each command lives in a file of its own under commands/. */
export function buildProgram(): Command {
  const program = new Command('cascade')
    .description('Cascade from the terminal: tenants, meters, plans, usage, billing and invoices')
    .version('0.1.0')
    .addOption(new Option('--profile <name>', 'profile from the config file (or CASCADE_PROFILE)'))
    .addOption(
      new Option('--output <format>', 'table, json, ndjson or csv')
        .choices(FORMATS)
        .default('table'),
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  for (const add of [
    tenantsCommands,
    metersCommands,
    plansCommands,
    usageCommands,
    billingCommands,
    invoicesCommands,
    marginCommand,
    keysCommands,
    auditCommand,
    sellerProfileCommands,
    profilesCommands,
    completionCommand,
  ])
    add(program);
  // Subcommands inherit exitOverride, so usage errors reach main() as CommanderError.
  return program;
}
