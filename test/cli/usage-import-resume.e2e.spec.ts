import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Dec } from '@cascade/money';
import { Cascade, CascadeClients, grpcClients, startCascade, timestamp } from '../support';
import { CliHarness, finished } from './cli-harness';

const ROWS = 100_000;

interface Checkpoint {
  ackedRows: number;
  accepted: number;
  duplicates: number;
}

/** Quantities with decimals so a row counted twice or lost changes the total. */
function usageFile(file: string): Dec {
  const lines = ['tenant_external_ref,meter_code,quantity,timestamp,resource_id'];
  let total = new Dec(0);
  for (let i = 1; i <= ROWS; i += 1) {
    const quantity = `${i % 10}.${String(i % 100).padStart(2, '0')}`;
    total = total.plus(quantity);
    const at = new Date(Date.UTC(2026, 9, 1) + (i % 2_592_000) * 1000).toISOString();
    lines.push(`big-c1,net.gb,${quantity},${at},vm-${i % 50}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return total;
}

/** Resolves once the import's checkpoint has at least `rows` acknowledged rows. */
async function acknowledged(checkpoint: string, rows: number): Promise<Checkpoint> {
  for (;;) {
    if (existsSync(checkpoint)) {
      const state = JSON.parse(readFileSync(checkpoint, 'utf8')) as Checkpoint;
      if (state.ackedRows >= rows) return state;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('cascade usage import of 100,000 rows, interrupted and resumed', () => {
  let cascade: Cascade;
  let api: CascadeClients;
  let cli: CliHarness;

  beforeAll(async () => {
    cli = new CliHarness();
    cascade = await startCascade({ database: 'sqlite', services: ['metering'] });
    cli.writeProfiles({ admin: { urls: cascade.urls, key: cascade.adminToken } });
    api = grpcClients(cascade.urls);
    await api.tenants.CreateTenant({
      external_ref: 'big',
      name: 'Big',
      kind: 'TENANT_KIND_PROVIDER',
      currency: 'USD',
    });
    const root = await api.tenants.GetTenant({ external_ref: 'big' });
    await api.tenants.CreateTenant({
      parent_id: root.id,
      external_ref: 'big-c1',
      name: 'C1',
      kind: 'TENANT_KIND_CUSTOMER',
      currency: 'USD',
    });
    await api.meters.CreateMeter({
      code: 'net.gb',
      name: 'Traffic',
      unit: 'GB',
      aggregation: 'AGGREGATION_SUM',
    });
  }, 120_000);
  afterAll(async () => {
    api?.close();
    await cascade?.stop();
    cli?.remove();
  });

  test('Ctrl-C stops after the batches in flight, a crash loses nothing, and every row counts once', async () => {
    const file = path.join(cli.home, 'usage.csv');
    const checkpoint = `${file}.checkpoint`;
    const expected = usageFile(file);

    // Ctrl-C: the import finishes the batches it sent and records them, then exits 130.
    const first = cli.start(['usage', 'import', file, '--output', 'csv']);
    const firstDone = finished(first);
    await acknowledged(checkpoint, 10_000);
    first.kill('SIGINT');
    const interrupted = await firstDone;
    const afterInterrupt = JSON.parse(readFileSync(checkpoint, 'utf8')) as Checkpoint;
    expect(interrupted.code).toBe(130);
    expect(afterInterrupt.ackedRows).toBeLessThan(ROWS);
    expect(afterInterrupt.accepted).toBe(afterInterrupt.ackedRows);
    expect(interrupted.stderr).toBe(
      'interrupted: waiting for the batches in flight (Ctrl-C again to quit now)\n' +
        `stopped after row ${afterInterrupt.ackedRows} of ${ROWS}: run the same command to resume\n`,
    );
    expect(interrupted.stdout).toBe(
      `rows,accepted,duplicates,conflicts,rejected,complete\n${afterInterrupt.ackedRows},${afterInterrupt.ackedRows},0,0,0,false\n`,
    );

    // A crash: batches the service stored after the last checkpoint come back as duplicates.
    const second = cli.start(['usage', 'import', file, '--output', 'csv']);
    const secondDone = finished(second);
    await acknowledged(checkpoint, afterInterrupt.ackedRows + 10_000);
    second.kill('SIGKILL');
    await secondDone;
    const afterCrash = JSON.parse(readFileSync(checkpoint, 'utf8')) as Checkpoint;
    expect(afterCrash.ackedRows).toBeLessThan(ROWS);

    const resumed = await cli.run(['usage', 'import', file, '--output', 'csv']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toBe(`resuming after row ${afterCrash.ackedRows} (${checkpoint})\n`);
    const [header, values] = resumed.stdout.trim().split('\n');
    expect(header).toBe('rows,accepted,duplicates,conflicts,rejected,complete');
    const [rows, accepted, duplicates, conflicts, rejected, complete] = values.split(',');
    expect([rows, conflicts, rejected, complete]).toEqual([String(ROWS), '0', '0', 'true']);
    expect(Number(accepted) + Number(duplicates)).toBe(ROWS);

    const usage = await api.usage.QueryUsage({
      tenant_id: (await api.tenants.GetTenant({ external_ref: 'big' })).id,
      meter_code: 'net.gb',
      from: timestamp(new Date('2026-10-01T00:00:00Z')),
      to: timestamp(new Date('2026-11-01T00:00:00Z')),
      include_descendants: true,
    });
    expect(usage.total).toBe(expected.toFixed());
    expect(usage.total).toBe('499500');
  }, 180_000);
});
