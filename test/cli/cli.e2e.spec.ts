import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Cascade, startCascade } from '../support';
import { CliHarness } from './cli-harness';

const ARTEFACTS = path.resolve(__dirname, '../../test-artifacts/cli');

interface TenantJson {
  id: string;
  externalRef: string;
  parentId?: string;
}

const PLANS_YAML = `seller: acme
plans:
  - code: gold
    name: Gold
    currency: USD
    billing_model: payg
    charges:
      - meter_code: compute.vcpu
        model: graduated
        tiers:
          - up_to: "1000"
            unit_price: "0.01"
          - unit_price: "0.005"
`;

const USAGE_CSV = `tenant_external_ref,meter_code,quantity,timestamp,resource_id
acme-c1,compute.vcpu,1000,2026-10-03T10:00:00Z,vm-1
acme-c1,compute.vcpu,250.5,2026-10-04T10:00:00Z,vm-2
acme-r1,compute.vcpu,100,2026-10-05T10:00:00Z,vm-9
acme-c1,compute.vcpu,not-a-number,2026-10-06T10:00:00Z,vm-1
acme-c1,compute.vcpu,5,yesterday,vm-1
`;

/** Sorts CSV rows as the services page them: by the id in one column. */
const byIdColumn = (column: number) => (a: string, b: string) =>
  a.split(',')[column] < b.split(',')[column] ? -1 : 1;

/** The CLI as a user runs it, against real services on SQLite: stdout, stderr and exit codes exactly. */
describe('cascade CLI', () => {
  let cascade: Cascade;
  let cli: CliHarness;
  let acme: TenantJson;
  let r1: TenantJson;
  let c1: TenantJson;
  let invoiceId: string;

  beforeAll(async () => {
    cli = new CliHarness();
    cascade = await startCascade({ database: 'sqlite' });
    cli.writeProfiles({ admin: { urls: cascade.urls, key: cascade.adminToken } });
    mkdirSync(ARTEFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await cascade?.stop();
    cli?.remove();
  });

  test('tenants create, get and list: JSON for programs, tables for people', async () => {
    acme = await cli.json<TenantJson>([
      'tenants',
      'create',
      'acme',
      '--name',
      'Acme Cloud',
      '--kind',
      'provider',
      '--currency',
      'USD',
    ]);
    r1 = await cli.json<TenantJson>([
      'tenants',
      'create',
      'acme-r1',
      '--parent',
      'acme',
      '--name',
      'Reseller One',
      '--kind',
      'reseller',
      '--currency',
      'USD',
    ]);
    c1 = await cli.json<TenantJson>([
      'tenants',
      'create',
      'acme-c1',
      '--parent',
      'acme-r1',
      '--name',
      'Customer One',
      '--kind',
      'customer',
      '--currency',
      'USD',
    ]);
    expect(r1).toMatchObject({
      externalRef: 'acme-r1',
      name: 'Reseller One',
      kind: 'TENANT_KIND_RESELLER',
      parentId: acme.id,
      currency: 'USD',
      status: 'TENANT_STATUS_ACTIVE',
    });
    expect(await cli.ok(['tenants', 'get', 'acme-r1'])).toBe(
      [
        '┌──────────────┬──────────────────────────────────────┐',
        '│ external_ref │ acme-r1                              │',
        '│ name         │ Reseller One                         │',
        '│ kind         │ RESELLER                             │',
        '│ currency     │ USD                                  │',
        '│ status       │ ACTIVE                               │',
        `│ id           │ ${r1.id} │`,
        `│ parent_id    │ ${acme.id} │`,
        '└──────────────┴──────────────────────────────────────┘',
        '',
      ].join('\n'),
    );
    expect(await cli.ok(['tenants', 'list', 'acme', '--recursive', '--output', 'csv'])).toBe(
      [
        'external_ref,name,kind,currency,status,id,parent_id',
        // Pages are in id order.
        ...[
          `acme-c1,Customer One,CUSTOMER,USD,ACTIVE,${c1.id},${r1.id}`,
          `acme-r1,Reseller One,RESELLER,USD,ACTIVE,${r1.id},${acme.id}`,
        ].sort(byIdColumn(5)),
        '',
      ].join('\n'),
    );
    const ndjson = await cli.ok(['tenants', 'list', 'acme', '--output', 'ndjson']);
    expect(
      ndjson
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).externalRef),
    ).toEqual(['acme-r1']);
  });

  test('meters create and list', async () => {
    await cli.ok([
      'meters',
      'create',
      'compute.vcpu',
      '--name',
      'vCPU time',
      '--unit',
      'vCPU-hours',
    ]);
    expect(await cli.ok(['meters', 'list'])).toBe(
      [
        '┌──────────────┬───────────┬────────────┬─────────────┬──────────┐',
        '│ code         │ name      │ unit       │ aggregation │ property │',
        '│ compute.vcpu │ vCPU time │ vCPU-hours │ SUM         │          │',
        '└──────────────┴───────────┴────────────┴─────────────┴──────────┘',
        '',
      ].join('\n'),
    );
  });

  test('plans apply shows the difference, changes nothing on --dry-run, and versions only what changed', async () => {
    const file = path.join(cli.home, 'plans.yaml');
    writeFileSync(file, PLANS_YAML);
    const dry = await cli.run(['plans', 'apply', '-f', file, '--dry-run']);
    expect(dry).toEqual({
      code: 0,
      stdout: [
        '┌───┬──────┬────────┬────────┬─────────┐',
        '│   │ code │ change │ fields │ version │',
        '│ + │ gold │ create │        │ 1       │',
        '└───┴──────┴────────┴────────┴─────────┘',
        '',
      ].join('\n'),
      stderr: 'dry run: nothing changed\n',
    });
    expect(await cli.ok(['plans', 'list', 'acme', '--output', 'csv'])).toBe(
      'code,name,version,currency,billing_model,interval,subscription_fee,charges,status,id\n',
    );
    const applied = await cli.run(['plans', 'apply', '-f', file, '--output', 'csv']);
    expect(applied).toEqual({
      code: 0,
      stdout: ',code,change,fields,version\n+,gold,create,,1\n',
      stderr: 'applied: 1 created, 0 new versions, 0 unchanged\n',
    });
    const again = await cli.run(['plans', 'apply', '-f', file, '--output', 'csv']);
    expect(again.stdout).toBe(',code,change,fields,version\n=,gold,unchanged,,1\n');
    writeFileSync(file, PLANS_YAML.replace('"0.005"', '"0.004"'));
    const changed = await cli.run([
      'plans',
      'apply',
      '-f',
      file,
      '--effective-from',
      '2026-10-01',
      '--output',
      'csv',
    ]);
    expect(changed).toEqual({
      code: 0,
      stdout: ',code,change,fields,version\n~,gold,update,charges,1 -> 2\n',
      stderr: 'applied: 0 created, 1 new versions, 0 unchanged\n',
    });
    writeFileSync(file, PLANS_YAML.replace('currency: USD', 'currency: EUR'));
    const refused = await cli.run(['plans', 'apply', '-f', file, '--output', 'csv']);
    expect(refused).toEqual({
      code: 6,
      stdout: ',code,change,fields,version\n!,gold,conflict,currency,2\n',
      stderr:
        'cascade: FAILED_PRECONDITION: nothing applied: gold cannot change currency (give the plan a new code)\n',
    });
    const plan = await cli.json<{ version: number; charges: { tiers: { unitPrice: string }[] }[] }>(
      ['plans', 'get', 'gold', '--seller', 'acme'],
    );
    expect(plan.version).toBe(2);
    expect(plan.charges[0].tiers.map((t) => t.unitPrice)).toEqual(['0.01', '0.004']);
    // r1 buys from acme on gold; c1 buys from r1 on r1's own copy.
    await cli.ok(['plans', 'assign', 'acme-r1', 'gold', '--from', '2026-10-01']);
    writeFileSync(
      file,
      PLANS_YAML.replace('seller: acme', 'seller: acme-r1').replace('"0.01"', '"0.02"'),
    );
    await cli.run(['plans', 'apply', '-f', file]);
    await cli.ok(['plans', 'assign', 'acme-c1', 'gold', '--from', '2026-10-01']);
  });

  test('usage import: accepted, rejected rows written with reasons, then queried exactly', async () => {
    const file = path.join(cli.home, 'october.csv');
    writeFileSync(file, USAGE_CSV);
    const imported = await cli.run(['usage', 'import', file, '--output', 'csv']);
    expect(imported).toEqual({
      code: 0,
      stdout: 'rows,accepted,duplicates,conflicts,rejected,complete\n5,3,0,0,2,true\n',
      stderr: `2 rows rejected: see ${file}.rejected.csv\n`,
    });
    const rejects = readFileSync(`${file}.rejected.csv`, 'utf8').split('\n');
    expect(rejects[0]).toBe('row,event_id,reason,raw');
    expect(rejects[1]).toMatch(
      /^4,import-[0-9a-f]{40},"quantity: not a decimal string: ""not-a-number""","acme-c1,compute.vcpu,not-a-number,2026-10-06T10:00:00Z,vm-1"$/,
    );
    expect(rejects[2]).toBe(
      '5,,"timestamp: expected an ISO 8601 instant, got ""yesterday""","acme-c1,compute.vcpu,5,yesterday,vm-1"',
    );
    // Importing the same file again counts nothing twice.
    const again = await cli.run(['usage', 'import', file, '--restart', '--output', 'csv']);
    expect(again.stdout).toBe(
      'rows,accepted,duplicates,conflicts,rejected,complete\n5,0,3,0,2,true\n',
    );
    expect(
      await cli.ok([
        'usage',
        'query',
        'acme-r1',
        'compute.vcpu',
        '--period',
        '2026-10',
        '--subtree',
        '--output',
        'csv',
      ]),
    ).toBe(
      'tenant,meter_code,from,to,total,unit\nacme-r1,compute.vcpu,2026-10-01T00:00:00.000Z,2026-11-01T00:00:00.000Z,1350.5,vCPU-hours\n',
    );
    expect(
      await cli.ok([
        'usage',
        'query',
        'acme-r1',
        'compute.vcpu',
        '--period',
        '2026-10',
        '--subtree',
        '--by',
        'child',
        '--output',
        'csv',
      ]),
    ).toBe(
      [
        'tenant_id,quantity,unit',
        ...[`${c1.id},1250.5,vCPU-hours`, `${r1.id},100,vCPU-hours`].sort(byIdColumn(0)),
        '',
      ].join('\n'),
    );
  });

  test('seller-profile set sends only the fields given; get answers each field inherited or own', async () => {
    const set = await cli.ok([
      'seller-profile',
      'set',
      'acme',
      '--display-name',
      'Acme Cloud Billing',
      '--prefix',
      'ACME',
      '--payment-terms',
      '30',
      '--accent-color',
      '#0A7F5A',
      '--output',
      'csv',
    ]);
    expect(set).toBe(
      'tenant_id,display_name,invoice_prefix,payment_terms_days,accent_color,address,tax_id,logo,brand_tenant_id\n' +
        `${acme.id},Acme Cloud Billing,ACME,30,#0a7f5a,,,,${acme.id}\n`,
    );
    // r1 numbers its own invoices; the brand and the terms come down from acme.
    await cli.ok(['profile', 'set', 'acme-r1', '--prefix', 'R1', '--address', '1 Reseller Way']);
    expect(await cli.ok(['profile', 'get', 'acme-r1'])).toBe(
      [
        '┌────────────────────┬──────────────────────────────────────┐',
        `│ tenant_id          │ ${r1.id} │`,
        '│ display_name       │ Acme Cloud Billing                   │',
        '│ invoice_prefix     │ R1                                   │',
        '│ payment_terms_days │ 30                                   │',
        '│ accent_color       │ #0a7f5a                              │',
        '│ address            │ 1 Reseller Way                       │',
        '│ tax_id             │                                      │',
        '│ logo               │                                      │',
        `│ brand_tenant_id    │ ${acme.id} │`,
        '└────────────────────┴──────────────────────────────────────┘',
        '',
      ].join('\n'),
    );
    await cli.ok(['profile', 'set', 'acme-r1', '--clear', 'address']);
    expect(await cli.json(['profile', 'get', 'acme-r1'])).toMatchObject({ invoicePrefix: 'R1' });
    expect((await cli.json(['profile', 'get', 'acme-r1'])).address).toBeUndefined();
    const [badPrefix, nothing, badClear] = await Promise.all([
      cli.run(['seller-profile', 'set', 'acme', '--prefix', 'acme!']),
      cli.run(['seller-profile', 'set', 'acme']),
      cli.run(['seller-profile', 'set', 'acme', '--clear', 'colour']),
    ]);
    expect(badPrefix).toEqual({
      code: 6,
      stdout: '',
      stderr:
        'cascade: INVALID_ARGUMENT: profile.invoice_prefix: must be 1 to 12 of A-Z, 0-9 and -, got "acme!"\n',
    });
    expect(nothing).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cascade: nothing to set: give at least one field (see --help)\n',
    });
    expect(badClear).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'cascade: --clear: expected one of display_name, invoice_prefix, payment_terms_days, accent_color, address, tax_id, logo, got "colour"\n',
    });
  });

  test('billing, invoices as tables, CSV and a PDF read back with pdftotext', async () => {
    const run = await cli.json<{ status: string; invoicesCreated: number }>([
      'billing',
      'run',
      '--period',
      '2026-10',
      '--no-progress',
    ]);
    expect(run).toMatchObject({ status: 'BILLING_RUN_STATUS_SUCCEEDED', invoicesCreated: 2 });
    const runs = await cli.json<unknown[]>(['billing', 'runs', '--period', '2026-10']);
    expect(runs).toHaveLength(1);
    const list = await cli.json<{ id: string; buyerTenantId: string }[]>([
      'invoices',
      'list',
      '--seller',
      'acme',
    ]);
    expect(list).toHaveLength(1);
    invoiceId = list[0].id;
    // acme → r1: 1350.5 units, 1000 × 0.01 + 350.5 × 0.004 = 11.402 → 11.40
    expect(await cli.ok(['invoices', 'list', '--seller', 'acme', '--output', 'csv'])).toBe(
      `number,status,seller,buyer,period,currency,total,amount_due,id\n,DRAFT,acme,acme-r1,2026-10,USD,11.40,11.40,${invoiceId}\n`,
    );
    const lines = await cli.ok(['invoices', 'show', invoiceId, '--output', 'csv']);
    expect(lines.split('\n')[0]).toBe('#,kind,description,meter,quantity,amount');
    expect(lines.split('\n')[1]).toBe(
      '1,USAGE,"vCPU time (vCPU-hours): 1350.5 vCPU-hours, plan Gold v2",vCPU time,1350.5 vCPU-hours,11.40',
    );

    const finalized = await cli.json<{
      number: string;
      status: string;
      finalizedAt: string;
      dueAt: string;
    }>(['invoices', 'finalize', invoiceId]);
    // acme's profile: its prefix, and 30 days to pay.
    expect(finalized.status).toBe('INVOICE_STATUS_FINALIZED');
    expect(finalized.number).toBe('ACME-2026-000001');
    const issued = new Date(finalized.finalizedAt);
    const due = new Date(issued.getTime() + 30 * 24 * 3600 * 1000);
    expect(new Date(finalized.dueAt).getTime()).toBe(due.getTime());
    const pdfFile = path.join(ARTEFACTS, 'acme-r1-2026-10.pdf');
    const written = await cli.run(['invoices', 'pdf', invoiceId, '-o', pdfFile, '--appendix']);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toMatch(
      /^wrote .*acme-r1-2026-10\.pdf \(application\/pdf, \d+ bytes\)\n$/,
    );
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdfFile,
      pdfFile.replace(/\.pdf$/, ''),
    ]);
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('Invoice ACME-2026-000001\n');
    // The seller as its profile names it; the buyer as its tenant.
    expect(text).toMatch(/From\s+Bill to\n\s*Acme Cloud Billing\s+Reseller One\n/);
    expect(text).toMatch(new RegExp(`Issued\\s+${issued.toISOString().slice(0, 10)}\n`));
    expect(text).toMatch(
      new RegExp(`Due\\s+${due.toISOString().slice(0, 10)} \\(net 30 days\\)\n`),
    );
    expect(text).toMatch(
      /1\s+Usage\s+vCPU time \(compute\.vcpu\), Gold\s+1350\.5 vCPU-hours\s+11\.40/,
    );
    expect(text).toContain('1000 x 0.01 = 10');
    expect(text).toContain('350.5 x 0.004 = 1.402');
    expect(text).toMatch(/Amount due \(USD\)\s+11\.40/);
    expect(text).toMatch(/Tenant\s+Customer One\s+1250\.5 vCPU-hours/);
    expect(text).toMatch(/Tenant\s+Reseller One\s+100 vCPU-hours/);
    expect(text).toMatch(/Resource\s+vm-1\s+1000 vCPU-hours/);

    const csv = await cli.ok(['invoices', 'pdf', invoiceId, '--format', 'csv', '-o', '-']);
    expect(csv.split('\n')[0]).toBe(
      'invoice_number,line_number,kind,description,meter_code,meter_name,unit,plan_name,quantity,amount,currency,from,to',
    );
    expect(csv.split('\n')[1]).toBe(
      'ACME-2026-000001,1,USAGE,"vCPU time (vCPU-hours): 1350.5 vCPU-hours, plan Gold v2",compute.vcpu,vCPU time,vCPU-hours,Gold,1350.5,11.40,USD,2026-10-01T00:00:00.000Z,2026-11-01T00:00:00.000Z',
    );
    const html = await cli.ok(['invoices', 'pdf', invoiceId, '--format', 'html', '-o', '-']);
    expect(html).toContain(`<h1>Invoice ${finalized.number}</h1>`);
    expect(html).toContain(
      `<tr><th>Due</th><td>${due.toISOString().slice(0, 10)} (net 30 days)</td></tr>`,
    );
    expect(html).toContain('<tr><th>Amount due (USD)</th><td class="num">11.40</td></tr>');
    expect(html).not.toContain('watermark">DRAFT');
    const paid = await cli.json<{ status: string }>(['invoices', 'pay', invoiceId]);
    expect(paid.status).toBe('INVOICE_STATUS_PAID');
    expect(await cli.run(['invoices', 'void', invoiceId, '--reason', 'late'])).toEqual({
      code: 6,
      stdout: '',
      stderr: `cascade: FAILED_PRECONDITION: invoice "${invoiceId}" is PAID: only a FINALIZED invoice can be voided\n`,
    });
  });

  test('keys: the secret once on stdout, never in listings; a viewer key is refused changes (exit 4)', async () => {
    const created = await cli.run([
      'keys',
      'create',
      'acme-r1',
      '--name',
      'r1 reader',
      '--role',
      'viewer',
    ]);
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(
      /^created key [0-9a-f-]{36} for acme-r1; the secret follows and is not shown again\n$/,
    );
    const secret = created.stdout.trim();
    const listed = await cli.ok(['keys', 'list', 'acme-r1', '--output', 'csv']);
    expect(listed).toMatch(
      /^id,name,role,tenant_id,created,revoked\n[0-9a-f-]{36},r1 reader,VIEWER,/,
    );
    expect(listed).not.toContain(secret);
    cli.writeProfiles({
      admin: { urls: cascade.urls, key: cascade.adminToken },
      r1: { urls: cascade.urls, key: secret },
    });
    expect(
      await cli.ok(['tenants', 'get', 'acme-c1', '--profile', 'r1', '--output', 'csv']),
    ).toContain('acme-c1,Customer One');
    const refused = await cli.run(
      [
        'tenants',
        'create',
        'acme-c2',
        '--parent',
        'acme-r1',
        '--name',
        'C2',
        '--kind',
        'customer',
        '--currency',
        'USD',
      ],
      { CASCADE_PROFILE: 'r1' },
    );
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/^cascade: PERMISSION_DENIED: /);
    const profiles = await cli.ok(['profiles', 'list', '--output', 'csv']);
    expect(profiles).toBe(
      [
        'name,metering,rating,invoicing,key',
        `admin *,${cascade.urls.metering},${cascade.urls.rating},${cascade.urls.invoicing},file ${cli.home}/admin.key`,
        `r1,${cascade.urls.metering},${cascade.urls.rating},${cascade.urls.invoicing},file ${cli.home}/r1.key`,
        '',
      ].join('\n'),
    );
    expect(profiles).not.toContain(secret);
  });

  test('exit codes: usage 2, not found 3, unavailable 5; errors as JSON with --output json', async () => {
    const [missing, missingJson, badPeriod, badFlag, noProfile, down] = await Promise.all([
      cli.run(['tenants', 'get', 'nobody']),
      cli.run(['tenants', 'get', 'nobody', '--output', 'json']),
      cli.run(['usage', 'query', 'acme', 'compute.vcpu', '--period', 'October']),
      cli.run(['tenants', 'list', '--depth', '3']),
      cli.run(['tenants', 'get', 'acme', '--profile', 'nope']),
      cli.run(['meters', 'list'], {
        CASCADE_CONFIG: path.join(cli.home, 'absent.yaml'),
        CASCADE_API_KEY: 'k',
      }),
    ]);
    expect(missing).toEqual({
      code: 3,
      stdout: '',
      stderr: 'cascade: NOT_FOUND: tenant "nobody" not found (by external_ref or id)\n',
    });
    expect(missingJson).toEqual({
      code: 3,
      stdout: '',
      stderr:
        '{"error":{"code":"NOT_FOUND","message":"tenant \\"nobody\\" not found (by external_ref or id)","exit_code":3}}\n',
    });
    expect(badPeriod).toEqual({
      code: 2,
      stdout: '',
      stderr: 'cascade: --period: expected a month such as 2026-10, got "October"\n',
    });
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/^error: unknown option '--depth'\n/);
    expect(noProfile).toEqual({
      code: 2,
      stdout: '',
      stderr: `cascade: profile "nope" not found in ${cli.config} (profiles: admin, r1)\n`,
    });
    // No config file: the local default ports, where nothing listens in this test.
    expect(down.code).toBe(5);
    expect(down.stderr).toMatch(/^cascade: UNAVAILABLE: /);
  });

  test('a config file others can read is refused (exit 2)', async () => {
    cli.writeProfiles({ admin: { urls: cascade.urls, key: cascade.adminToken } }, 0o644);
    expect(await cli.run(['meters', 'list'])).toEqual({
      code: 2,
      stdout: '',
      stderr: `cascade: config file ${cli.config} is readable by others (mode 0644): run chmod 600 ${cli.config}\n`,
    });
    cli.writeProfiles({ admin: { urls: cascade.urls, key: cascade.adminToken } });
  });

  test('invoices: filters, pages, show by number, explain a line, discard a draft', async () => {
    const all = await cli.json<{ id: string; number?: string; status: string }[]>([
      'invoices',
      'list',
      '--all',
    ]);
    expect(all.map((i) => i.status).sort()).toEqual([
      'INVOICE_STATUS_DRAFT',
      'INVOICE_STATUS_PAID',
    ]);
    const draft = all.find((i) => i.status === 'INVOICE_STATUS_DRAFT')!;
    const firstPage = await cli.run(['invoices', 'list', '--page-size', '1', '--output', 'csv']);
    expect(firstPage.code).toBe(0);
    expect(firstPage.stdout.split('\n')).toHaveLength(3);
    expect(firstPage.stderr).toMatch(/^more invoices: --page-token \S+ \(or --all\)\n$/);
    const token = /--page-token (\S+)/.exec(firstPage.stderr)![1];
    const secondPage = await cli.run([
      'invoices',
      'list',
      '--page-size',
      '1',
      '--page-token',
      token,
      '--output',
      'csv',
    ]);
    expect(secondPage.stderr).toBe('');
    const paged = [firstPage.stdout, secondPage.stdout].map((o) =>
      o.split('\n')[1].split(',').pop(),
    );
    expect(paged.sort()).toEqual(all.map((i) => i.id).sort());
    expect(
      await cli.ok([
        'invoices',
        'list',
        '--page-size',
        '1',
        '--all',
        '--status',
        'draft',
        '--output',
        'csv',
      ]),
    ).toBe(
      'number,status,seller,buyer,period,currency,total,amount_due,id\n' +
        `,DRAFT,acme-r1,acme-c1,2026-10,USD,21.25,21.25,${draft.id}\n`,
    );
    expect(
      await cli.ok([
        'invoices',
        'list',
        '--number',
        'ACME-2026-000001',
        '--period',
        '2026-10',
        '--output',
        'csv',
      ]),
    ).toBe(
      'number,status,seller,buyer,period,currency,total,amount_due,id\n' +
        `ACME-2026-000001,PAID,acme,acme-r1,2026-10,USD,11.40,11.40,${invoiceId}\n`,
    );
    expect(await cli.ok(['invoices', 'show', 'ACME-2026-000001'])).toBe(
      [
        '┌─────────────────┬──────────────────────────────────────┐',
        '│ number          │ ACME-2026-000001                     │',
        '│ status          │ PAID                                 │',
        '│ seller          │ acme                                 │',
        '│ buyer           │ acme-r1                              │',
        '│ period          │ 2026-10                              │',
        '│ currency        │ USD                                  │',
        '│ total           │ 11.40                                │',
        '│ amount_due      │ 11.40                                │',
        `│ id              │ ${invoiceId} │`,
        '│ subtotal        │ 11.40                                │',
        '│ tax             │ 0.00                                 │',
        '│ credits_applied │ 0.00                                 │',
        '└─────────────────┴──────────────────────────────────────┘',
        '┌───┬───────┬─────────────────────────────────────────────────────────┬───────────┬───────────────────┬────────┐',
        '│ # │ kind  │ description                                             │ meter     │          quantity │ amount │',
        '│ 1 │ USAGE │ vCPU time (vCPU-hours): 1350.5 vCPU-hours, plan Gold v2 │ vCPU time │ 1350.5 vCPU-hours │  11.40 │',
        '└───┴───────┴─────────────────────────────────────────────────────────┴───────────┴───────────────────┴────────┘',
        '',
      ].join('\n'),
    );
    const explained = await cli.run(['explain', 'ACME-2026-000001', '1']);
    // Tenants as the service orders them: by id.
    const tenantRows = [
      `│ tenant   │ ${r1.id} │ Reseller One │      100 │`,
      `│ tenant   │ ${c1.id} │ Customer One │   1250.5 │`,
    ].sort();
    expect(explained).toEqual({
      code: 0,
      stdout: [
        '┌──────────┬──────────────────────────────────────┬──────────────┬──────────┐',
        '│ by       │ key                                  │ name         │ quantity │',
        ...tenantRows,
        '│ resource │ vm-1                                 │              │     1000 │',
        '│ resource │ vm-2                                 │              │    250.5 │',
        '│ resource │ vm-9                                 │              │      100 │',
        '└──────────┴──────────────────────────────────────┴──────────────┴──────────┘',
        '',
      ].join('\n'),
      stderr: 'line 1: 1350.5 vCPU-hours\n',
    });
    expect(await cli.run(['invoices', 'explain', 'ACME-2026-000001', '9'])).toEqual({
      code: 6,
      stdout: '',
      stderr: 'cascade: INVALID_ARGUMENT: line_number: the invoice has no line 9\n',
    });
    const discarded = await cli.json<{ status: string }>([
      'invoices',
      'discard',
      draft.id,
      '--reason',
      'billed by mistake',
    ]);
    expect(discarded.status).toBe('INVOICE_STATUS_DISCARDED');
    expect(await cli.run(['invoices', 'discard', invoiceId, '--reason', 'no'])).toEqual({
      code: 6,
      stdout: '',
      stderr: `cascade: FAILED_PRECONDITION: invoice "${invoiceId}" is PAID: only a DRAFT invoice can be discarded\n`,
    });
  });

  test('tenants import, a run with unpriced usage, runs watch, unpriced list, a preview, the tree', async () => {
    const tenantsFile = path.join(cli.home, 'tenants.csv');
    writeFileSync(
      tenantsFile,
      'external_ref,parent_external_ref,name,kind,currency\n' +
        'acme-r2,acme,Reseller Two,reseller,USD\n' +
        'acme-c4,acme-r2,Customer Four,customer,USD\n',
    );
    const imported = await cli.run(['tenants', 'import', tenantsFile, '--output', 'csv']);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe('imported 2 tenants: 2 created, 0 unchanged\n');
    const [r2, c4] = imported.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(r2.slice(0, 5)).toEqual(['acme-r2', 'Reseller Two', 'RESELLER', 'USD', 'ACTIVE']);
    expect(c4.slice(0, 5)).toEqual(['acme-c4', 'Customer Four', 'CUSTOMER', 'USD', 'ACTIVE']);
    expect(c4[6]).toBe(r2[5]);
    const again = await cli.run(['tenants', 'import', tenantsFile, '--output', 'csv']);
    expect(again.stderr).toBe('imported 2 tenants: 0 created, 2 unchanged\n');
    expect(again.stdout).toBe(imported.stdout);
    const bad = path.join(cli.home, 'bad-tenants.csv');
    writeFileSync(
      bad,
      'external_ref,parent_external_ref,name,kind,currency\nacme-x,nobody,X,customer,USD\n',
    );
    expect(await cli.run(['tenants', 'import', bad])).toEqual({
      code: 6,
      stdout: '',
      stderr:
        'cascade: INVALID_ARGUMENT: tenants[0].parent_external_ref: no tenant "nobody" is stored or in an earlier row\n',
    });

    const usage = path.join(cli.home, 'r2.csv');
    writeFileSync(
      usage,
      'tenant_external_ref,meter_code,quantity,timestamp,resource_id\nacme-c4,compute.vcpu,42,2026-10-07T10:00:00Z,vm-42\n',
    );
    await cli.ok(['usage', 'import', usage]);
    const run = await cli.run(['runs', 'start', '--period', '2026-10', '--output', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      '2 unpriced (edge, meter) pairs: cascade billing unpriced --period 2026-10\n',
    );
    const finished = JSON.parse(run.stdout) as { id: string; unpricedLines: number };
    expect(await cli.ok(['unpriced', 'list', '--period', '2026-10', '--output', 'csv'])).toBe(
      [
        'seller,buyer,meter_code,quantity,unit,reason',
        'acme,acme-r2,compute.vcpu,42,vCPU-hours,NO_PLAN',
        'acme-r2,acme-c4,compute.vcpu,42,vCPU-hours,NO_PLAN',
        '',
      ].join('\n'),
    );
    expect(await cli.ok(['runs', 'watch', finished.id, '--output', 'json'])).toBe(run.stdout);
    expect(await cli.run(['billing', 'watch', '00000000-0000-0000-0000-000000000000'])).toEqual({
      code: 3,
      stdout: '',
      stderr: 'cascade: NOT_FOUND: billing run "00000000-0000-0000-0000-000000000000" not found\n',
    });
    const now = new Date();
    const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const preview = await cli.json(['billing', 'run', '--period', month, '--preview']);
    expect(preview).toMatchObject({
      status: 'BILLING_RUN_STATUS_SUCCEEDED',
      preview: true,
      startedBy: 'operator',
    });
    const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    expect(await cli.run(['billing', 'run', '--period', month])).toEqual({
      code: 6,
      stdout: '',
      stderr: `cascade: FAILED_PRECONDITION: period_end: the period has not ended (it ends ${end.toISOString().slice(0, 10)}); set preview to bill it as a preview\n`,
    });
    const margins = await Promise.all([
      cli.run(['margin', 'acme-r1', '--period', '2026-10', '--output', 'csv']),
      cli.run(['margin', 'acme-r2', '--period', '2026-10', '--output', 'csv']),
    ]);
    // r1 used 100 of the 1350.5 it paid 11.40 for itself: 0.84 of its cost is its own use.
    expect(margins[0]).toEqual({
      code: 0,
      stdout:
        'meter,revenue,cost,margin\ncompute.vcpu,21.25,11.40,9.85\ntotal USD,21.25,11.40,9.85\nown use,,0.84,\nresale,21.25,10.56,10.69\n',
      stderr: '',
    });
    // r2 has no plan from acme and sells c4 none: nothing billed, and the note says why.
    expect(margins[1]).toEqual({
      code: 0,
      stdout:
        'meter,revenue,cost,margin\ntotal USD,0.00,0.00,0.00\nown use,,0.00,\nresale,0.00,0.00,0.00\n',
      stderr:
        '2 unpriced usage lines in the subtree: cascade unpriced list --period 2026-10 --node acme-r2\n',
    });
    // r1 → c1 was discarded above; this run billed it again.
    expect(await cli.ok(['tenants', 'tree', 'acme', '--period', '2026-10'])).toBe(
      [
        'acme (Acme Cloud)  compute.vcpu 1392.5 vCPU-hours',
        '├── acme-r1 (Reseller One)  compute.vcpu 1350.5 vCPU-hours  billed 11.40 USD',
        '│   └── acme-c1 (Customer One)  compute.vcpu 1250.5 vCPU-hours  billed 21.25 USD',
        '└── acme-r2 (Reseller Two)  compute.vcpu 42 vCPU-hours',
        '    └── acme-c4 (Customer Four)  compute.vcpu 42 vCPU-hours',
        '',
      ].join('\n'),
    );
    expect(
      await cli.ok([
        'tenants',
        'tree',
        'acme',
        '--period',
        '2026-10',
        '--depth',
        '1',
        '--output',
        'csv',
      ]),
    ).toBe(
      [
        'depth,external_ref,name,usage,billed',
        '0,acme,Acme Cloud,compute.vcpu 1392.5 vCPU-hours,',
        '1,acme-r1,Reseller One,compute.vcpu 1350.5 vCPU-hours,11.40 USD',
        '1,acme-r2,Reseller Two,compute.vcpu 42 vCPU-hours,',
        '',
      ].join('\n'),
    );
  });

  test('bash and zsh completion scripts name the commands', async () => {
    const bash = await cli.ok(['completion', 'bash']);
    expect(bash).toContain('complete -o default -F _cascade cascade');
    expect(bash).toContain(
      '    "invoices") words="list show finalize pay void discard credit-note pdf explain --help" ;;',
    );
    const zsh = await cli.ok(['completion', 'zsh']);
    expect(zsh.startsWith('#compdef cascade\n')).toBe(true);
  });
});
