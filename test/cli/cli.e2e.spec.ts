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
        `acme-c1,Customer One,CUSTOMER,USD,ACTIVE,${c1.id},${r1.id}`,
        `acme-r1,Reseller One,RESELLER,USD,ACTIVE,${r1.id},${acme.id}`,
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
    ).toBe(`tenant_id,quantity,unit\n${c1.id},1250.5,vCPU-hours\n${r1.id},100,vCPU-hours\n`);
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
    expect(lines.split('\n')[1]).toMatch(/^1,USAGE,.*,compute\.vcpu,1350\.5,11\.40$/);

    const finalized = await cli.json<{ number: string; status: string }>([
      'invoices',
      'finalize',
      invoiceId,
    ]);
    expect(finalized.status).toBe('INVOICE_STATUS_FINALIZED');
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
    expect(text.replace(/\s+/g, ' ')).toContain(
      `Invoice ${finalized.number}`.replace(/\s+/g, ' ').slice(0, 20),
    );
    expect(text).toMatch(/Bill to/);
    expect(text).toContain('Reseller One');
    expect(text).toMatch(/1\s+Usage\s+compute\.vcpu\s+1350\.5\s+11\.40/);
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
    expect(csv.split('\n')[1]).toMatch(
      new RegExp(
        `^${finalized.number},1,USAGE,.*,compute\\.vcpu,compute\\.vcpu,,,1350\\.5,11\\.40,USD,2026-10-01T00:00:00\\.000Z,2026-11-01T00:00:00\\.000Z$`,
      ),
    );
    const html = await cli.ok(['invoices', 'pdf', invoiceId, '--format', 'html', '-o', '-']);
    expect(html).toContain(`<h1>Invoice ${finalized.number}</h1>`);
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

  test('commands on RPCs the services do not implement yet exit 5 with a clear message', async () => {
    const tenantsFile = path.join(cli.home, 'tenants.csv');
    writeFileSync(
      tenantsFile,
      'external_ref,parent_external_ref,name,kind,currency\nacme-c3,acme-r1,C3,customer,USD\n',
    );
    const message =
      'cascade: UNIMPLEMENTED: the server does not implement this call yet: upgrade the services to a version that does\n';
    const results = await Promise.all([
      cli.run(['tenants', 'tree', 'acme', '--period', '2026-10']),
      cli.run(['tenants', 'import', tenantsFile]),
      cli.run(['billing', 'run', '--period', '2026-10']),
      cli.run(['billing', 'unpriced', '--period', '2026-10']),
      cli.run(['explain', invoiceId, '1']),
    ]);
    for (const result of results) {
      expect(result.code).toBe(5);
      expect(result.stdout).toBe('');
      expect(result.stderr.endsWith(message)).toBe(true);
    }
  });

  test('bash and zsh completion scripts name the commands', async () => {
    const bash = await cli.ok(['completion', 'bash']);
    expect(bash).toContain('complete -o default -F _cascade cascade');
    expect(bash).toContain(
      '    "invoices") words="list show finalize pay void credit-note pdf explain --help" ;;',
    );
    const zsh = await cli.ok(['completion', 'zsh']);
    expect(zsh.startsWith('#compdef cascade\n')).toBe(true);
  });
});
