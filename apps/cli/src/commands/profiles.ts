import { Command } from 'commander';
import { action } from '../core/context';
import { printList } from '../core/output';
import { configPath, listProfiles } from '../core/profiles';

export function profilesCommands(program: Command): void {
  const group = program
    .command('profiles')
    .description('profiles in the config file (keys are never shown)');
  group
    .command('list')
    .description('the profiles, their addresses and where their keys come from')
    .addHelpText('after', '\nExample:\n  CASCADE_CONFIG=./cascade.yaml cascade profiles list')
    .action(
      action(async (ctx) => {
        const profiles = listProfiles();
        if (profiles.length === 0) ctx.note(`no profiles: ${configPath()} does not exist`);
        printList(
          ctx.out,
          ctx.format,
          profiles,
          [
            { header: 'name', value: (p) => (p.default ? `${p.name} *` : p.name) },
            { header: 'metering', value: (p) => p.urls.metering },
            { header: 'rating', value: (p) => p.urls.rating },
            { header: 'invoicing', value: (p) => p.urls.invoicing },
            { header: 'key', value: (p) => p.key_source },
          ],
          (p) => p,
        );
      }),
    );
}
