// The image end to end under Podman, as a cluster would run it: built from the
// Dockerfile on a base image made without a registry, `migrate <service>` run
// first (the Job before a rollout), then metering, rating and invoicing as three
// containers on PostgreSQL, checked over gRPC health and billing a reseller chain.
//
// Host networking: PostgreSQL here listens on 127.0.0.1 only, so containers on a
// bridge could reach it only by changing the server's configuration; on the
// host's network they reach it, and each other, as local processes do.
import { Client } from 'pg';
import {
  CascadeClients,
  dropSchemas,
  describeOnPostgres,
  E2E_ADMIN_TOKEN,
  E2E_SERVICE_TOKEN,
  freePorts,
  grpcClients,
  isServing,
  Message,
  SERVICE_NAMES,
  ServiceName,
  TEST_DATABASE_URL,
  timestamp,
} from '../support';
import { PORT_VARIABLES, URL_VARIABLES } from '@cascade/platform/testing';
import { BASE_IMAGE, podman, run } from './podman';

const IMAGE = `localhost/cascade:e2e-${process.pid}`;
const PREFIX = `image_${process.pid}_`;
const SCHEMAS = SERVICE_NAMES.map((name) => `${PREFIX}${name}`);

describeOnPostgres('the Cascade image under Podman', () => {
  const containers: string[] = [];
  let urls: Record<ServiceName, string>;
  let env: string[];
  let api: CascadeClients | undefined;

  /** `podman run` arguments shared by every container: read-only root, host network, the configuration. */
  const runArgs = () => ['--network', 'host', '--read-only', ...env];

  beforeAll(async () => {
    await dropSchemas(SCHEMAS);
    const base = await run('bash', ['deploy/image/node-base.sh', BASE_IMAGE], 240_000);
    if (base.code !== 0) throw new Error(`node-base.sh exited ${base.code}:\n${base.stderr}`);
    // --layers=false: only the final image is committed, not each step of the build stage.
    await podman(
      'build',
      '--layers=false',
      '--build-arg',
      `NODE_IMAGE=${BASE_IMAGE}`,
      '-t',
      IMAGE,
      '.',
    );
    const ports = await freePorts(SERVICE_NAMES.length);
    urls = Object.fromEntries(
      SERVICE_NAMES.map((name, i) => [name, `http://127.0.0.1:${ports[i]}`]),
    ) as Record<ServiceName, string>;
    const variables: Record<string, string> = {
      DATABASE_URL: TEST_DATABASE_URL,
      CASCADE_DB_SCHEMA_PREFIX: PREFIX,
      CASCADE_HOST: '127.0.0.1',
      CASCADE_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      CASCADE_SERVICE_TOKEN: E2E_SERVICE_TOKEN,
    };
    SERVICE_NAMES.forEach((name, i) => {
      variables[PORT_VARIABLES[name]] = String(ports[i]);
      variables[URL_VARIABLES[name]] = urls[name];
    });
    env = Object.entries(variables).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  }, 300_000);

  afterAll(async () => {
    api?.close();
    if (containers.length > 0) await run('podman', ['rm', '-f', '-v', '-t', '0', ...containers]);
    await run('podman', ['rmi', '-f', IMAGE]);
    await dropSchemas(SCHEMAS);
  }, 60_000);

  test('runs as the unprivileged user node and names the commands it knows', async () => {
    const user = await podman('image', 'inspect', '--format', '{{.Config.User}}', IMAGE);
    const help = await run('podman', ['run', '--rm', IMAGE, 'help']);
    const wrong = await run('podman', ['run', '--rm', IMAGE, 'frobnicate']);
    // The adapter's own code answers: it is in the image, and wants its config file.
    const adapter = await run('podman', ['run', '--rm', IMAGE, 'openstack-adapter']);
    expect(user.trim()).toBe('node');
    expect([help.code, help.stdout.split('\n')[0]]).toEqual([0, 'usage: cascade <command>']);
    expect([wrong.code, wrong.stderr.split('\n')[0]]).toEqual([
      2,
      'cascade: unknown command: frobnicate',
    ]);
    expect([adapter.code, adapter.stderr.split('\n')[0]]).toEqual([
      1,
      '[openstack-adapter] Error: usage: main.ts --config <file.json>',
    ]);
  });

  test('migrate <service> brings each schema current and exits, before any service runs', async () => {
    const db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    try {
      // The three Jobs of a rollout, side by side: each touches only its own schema.
      const results = await Promise.all(
        SERVICE_NAMES.map((name) =>
          run('podman', ['run', '--rm', ...runArgs(), IMAGE, 'migrate', name]),
        ),
      );
      for (const [i, result] of results.entries()) {
        const said = /schema (\S+) is current: (\d+) migrations applied/.exec(result.stdout);
        const recorded = await db.query(
          `select count(*)::int as n from "${SCHEMAS[i]}".mikro_orm_migrations`,
        );
        expect([result.code, said?.[1], Number(said?.[2])]).toEqual([
          0,
          SCHEMAS[i],
          recorded.rows[0].n,
        ]);
        expect(recorded.rows[0].n).toBeGreaterThan(0);
      }
    } finally {
      await db.end();
    }
  }, 120_000);

  test('serves metering, rating and invoicing from containers, healthy over gRPC', async () => {
    // Side by side, as a cluster starts them: no service needs a peer to start.
    await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const container = `cascade-e2e-${process.pid}-${name}`;
        containers.push(container);
        await podman('run', '-d', '--name', container, ...runArgs(), IMAGE, name);
        await waitServing(container, urls[name]);
      }),
    );
    api = grpcClients(urls);
    const health = await Promise.all(SERVICE_NAMES.map((name) => api!.health(name)));
    // The probe a pod on TLS uses, run inside each container.
    const probes = await Promise.all(
      SERVICE_NAMES.map((name, i) =>
        run('podman', [
          'exec',
          containers[i],
          'node',
          '/app/deploy/image/cascade.cjs',
          'health',
          name,
        ]),
      ),
    );
    expect(health.map((h) => h.status)).toEqual(['SERVING', 'SERVING', 'SERVING']);
    expect(probes.map((p) => [p.code, p.stdout])).toEqual(
      SERVICE_NAMES.map((name) => [0, `${name}: SERVING\n`]),
    );
  }, 120_000);

  test('bills a reseller chain through the containers, each edge at its seller’s price', async () => {
    const client = api!;
    const tenant = (parent: Message | undefined, ref: string, kind: string) =>
      client.tenants.CreateTenant({
        parent_id: parent?.id ?? '',
        external_ref: ref,
        name: ref,
        kind,
        currency: 'USD',
      });
    const provider = await tenant(undefined, 'acme', 'TENANT_KIND_PROVIDER');
    const reseller = await tenant(provider, 'blue', 'TENANT_KIND_RESELLER');
    const customer = await tenant(reseller, 'cust', 'TENANT_KIND_CUSTOMER');
    await client.meters.CreateMeter({
      code: 'api.calls',
      name: 'API calls',
      unit: 'call',
      aggregation: 'AGGREGATION_SUM',
    });
    const plan = (seller: Message, code: string, unitPrice: string) =>
      client.plans.CreatePlan({
        seller_tenant_id: seller.id,
        code,
        name: code,
        currency: 'USD',
        billing_model: 'BILLING_MODEL_PAYG',
        interval: 'INTERVAL_MONTHLY',
        charges: [
          { meter_code: 'api.calls', model: 'CHARGE_MODEL_PER_UNIT', unit_price: unitPrice },
        ],
      });
    const since = timestamp('2026-01-01T00:00:00Z');
    const wholesale = await plan(provider, 'wholesale', '0.01');
    const retail = await plan(reseller, 'retail', '0.0125');
    await client.plans.AssignPlan({
      buyer_tenant_id: reseller.id,
      plan_id: wholesale.id,
      effective_from: since,
    });
    await client.plans.AssignPlan({
      buyer_tenant_id: customer.id,
      plan_id: retail.id,
      effective_from: since,
    });
    const usage = await client.usage.RecordUsage({
      events: [
        {
          id: 'c-1',
          tenant_external_ref: 'cust',
          meter_code: 'api.calls',
          quantity: '1000.5',
          timestamp: timestamp('2026-10-03T10:00:00Z'),
        },
        {
          id: 'r-1',
          tenant_external_ref: 'blue',
          meter_code: 'api.calls',
          quantity: '400',
          timestamp: timestamp('2026-10-31T23:59:59Z'),
        },
      ],
    });
    const run = await client.invoices.RunBilling({
      period_start: timestamp('2026-10-01T00:00:00Z'),
      period_end: timestamp('2026-11-01T00:00:00Z'),
    });
    const invoices = await Promise.all(
      run.invoice_ids.map((id: string) => client.invoices.GetInvoice({ id })),
    );
    const byBuyer = (buyer: Message) => {
      const invoice = invoices.find((i) => i.buyer_tenant_id === buyer.id);
      return [
        invoice?.seller_tenant_id,
        invoice?.lines.map((l: Message) => [l.quantity, l.amount]),
        invoice?.total,
      ];
    };
    expect(usage.accepted).toBe(2);
    expect(invoices).toHaveLength(2);
    // 1000.5 calls × 0.0125 = 12.50625 → 12.51
    expect(byBuyer(customer)).toEqual([reseller.id, [['1000.5', '12.51']], '12.51']);
    // its own 400 and its customer's 1000.5: 1400.5 × 0.01 = 14.005 → 14.01
    expect(byBuyer(reseller)).toEqual([provider.id, [['1400.5', '14.01']], '14.01']);
  }, 60_000);

  test('each service stops cleanly on SIGTERM (exit code 0, not killed)', async () => {
    api?.close();
    api = undefined;
    for (const container of [...containers].reverse()) await podman('stop', '-t', '20', container);
    const codes = await Promise.all(
      containers.map((c) => podman('inspect', '--format', '{{.State.ExitCode}}', c)),
    );
    expect(codes.map((c) => c.trim())).toEqual(['0', '0', '0']);
  }, 90_000);
});

/** Polls the health check until the container serves; fails with its log if it exits or takes a minute. */
async function waitServing(container: string, url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await isServing(url, 1_000)) return;
    const state = await podman('inspect', '--format', '{{.State.Status}}', container);
    if (state.trim() === 'exited') break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const logs = await run('podman', ['logs', container]);
  throw new Error(`${container} did not serve at ${url}:\n${logs.stdout}${logs.stderr}`);
}
