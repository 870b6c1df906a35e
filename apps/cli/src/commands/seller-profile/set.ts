import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { create } from '@bufbuild/protobuf';
import { FieldMaskSchema } from '@bufbuild/protobuf/wkt';
import { SellerProfileSchema } from '@cascade/contracts';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { action } from '../../core/context';
import { CliError } from '../../core/exit-codes';
import { resolveTenant } from '../../core/resolve';
import { printProfile } from './profile-view';

type ProfileInit = Exclude<MessageInitShape<typeof SellerProfileSchema>, { $typeName: string }>;

interface Options {
  displayName?: string;
  prefix?: string;
  paymentTerms?: string;
  accentColor?: string;
  address?: string;
  taxId?: string;
  logo?: string;
  clear: string[];
}

/** Flag → the SellerProfile field it sets (its mask path) and the value it carries. */
const FIELDS = {
  display_name: (o: Options) => o.displayName,
  invoice_prefix: (o: Options) => o.prefix,
  payment_terms_days: (o: Options) => o.paymentTerms,
  accent_color: (o: Options) => o.accentColor,
  address: (o: Options) => o.address,
  tax_id: (o: Options) => o.taxId,
  logo: (o: Options) => o.logo,
} as const;
type Path = keyof typeof FIELDS;

/**
 * Only the fields named on the command line are sent, listed in the update mask: the
 * others stay as they are (or inherited). --clear lists a field with no value, so it
 * is inherited again.
 */
export function sellerProfileSet(group: Command): void {
  group
    .command('set')
    .description("set a seller's own invoice settings and brand (only the fields given)")
    .argument('<tenant>', 'external_ref or id')
    .option('--display-name <name>', 'the name documents and the console show')
    .option('--prefix <prefix>', 'invoice numbers read PREFIX-YYYY-NNNNNN (A-Z, 0-9, -)')
    .option('--payment-terms <days>', 'days from finalization to the due date')
    .option('--accent-color <#rrggbb>', 'the brand colour')
    .option('--address <text>', 'printed under the seller name')
    .option('--tax-id <id>', 'printed under the seller name')
    .option('--logo <file>', 'a PNG or SVG, at most 256 KiB')
    .option(
      '--clear <field>',
      `inherit this field again (repeatable): ${Object.keys(FIELDS).join(', ')}`,
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .addHelpText(
      'after',
      '\nExample:\n  cascade seller-profile set acme-r1 --display-name "R1 Cloud" --prefix R1 --payment-terms 30',
    )
    .action(
      action(async (ctx, ref: string, opts: Options) => {
        const profile: ProfileInit = {};
        const paths: string[] = [];
        for (const [path, value] of Object.entries(FIELDS) as [Path, (o: Options) => string][]) {
          const given = value(opts);
          if (given === undefined) continue;
          paths.push(path);
          Object.assign(profile, fieldValue(path, given));
        }
        for (const path of opts.clear) {
          if (!(path in FIELDS))
            throw new CliError(
              `--clear: expected one of ${Object.keys(FIELDS).join(', ')}, got ${JSON.stringify(path)}`,
            );
          paths.push(path);
        }
        if (paths.length === 0)
          throw new CliError('nothing to set: give at least one field (see --help)');
        const tenant = await resolveTenant(ctx, ref);
        const answer = await ctx.clients().invoices.setSellerProfile({
          tenantId: tenant.id,
          profile,
          updateMask: create(FieldMaskSchema, { paths }),
        });
        printProfile(ctx, answer);
      }),
    );
}

function fieldValue(path: Path, given: string): ProfileInit {
  switch (path) {
    case 'display_name':
      return { displayName: given };
    case 'invoice_prefix':
      return { invoicePrefix: given };
    case 'accent_color':
      return { accentColor: given };
    case 'address':
      return { address: given };
    case 'tax_id':
      return { taxId: given };
    case 'logo':
      return { logo: new Uint8Array(readFileSync(given)) };
    case 'payment_terms_days':
      if (!/^\d+$/.test(given))
        throw new CliError(
          `--payment-terms: expected a number of days, got ${JSON.stringify(given)}`,
        );
      return { paymentTermsDays: Number(given) };
  }
}
