import { BillingRunStatus, InvoiceStatus, LineKind } from '@cascade/contracts';
import { BillingRunService } from '../billing/billing-run.service';
import { InvoiceService } from '../invoices/invoice.service';
import { ScheduleStateRepository } from '../persistence/schedule-state.repository';
import { SchedulerLeaseRepository } from '../persistence/scheduler-lease.repository';
import { at, ids, month, ts } from '../testing/fixtures';
import { describeEachDatabase, Harness, useHarness } from '../testing/harness';
import { BillingScheduler } from './billing-scheduler';
import { ManualClock } from './scheduler-clock';

const JAN = month(2026, 1);
const FEB = month(2026, 2);
const GRACE = 72 * 3_600_000;

/** A replica's scheduler on the harness's database, ticking on `clock`. */
function replica(h: Harness, clock: ManualClock): BillingScheduler {
  return new BillingScheduler(
    h.app.get(BillingRunService),
    h.app.get(InvoiceService),
    h.app.get(ScheduleStateRepository),
    h.app.get(SchedulerLeaseRepository),
    clock,
    { enabled: false, intervalMs: 60_000, graceMs: GRACE },
  );
}

/** The runs, sorted: a tick's runs all start at the tick's instant. */
async function runs(h: Harness) {
  const { runs: all } = await h.client.listBillingRuns({});
  return all
    .map((r) => ({
      period: `${r.periodStart?.seconds}-${r.periodEnd?.seconds}`,
      status: BillingRunStatus[r.status],
      startedBy: r.startedBy,
    }))
    .sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
}

const period = (m: { start: Date; end: Date }) => `${ts(m.start).seconds}-${ts(m.end).seconds}`;

// One story per database, in order: each step starts from what the one before left.
describeEachDatabase('billing scheduler', (kind) => {
  const harness = useHarness(kind);
  const t = ids('p', 'a');
  const clock = new ManualClock(at('2026-02-01T00:05:00Z'));
  let a: BillingScheduler;
  let b: BillingScheduler;

  async function invoicesOfA(h: Harness) {
    const { invoices } = await h.client.listInvoices({ sellerTenantId: t.p, buyerTenantId: t.a });
    return invoices.map((i) => ({
      period: `${i.periodStart?.seconds}-${i.periodEnd?.seconds}`,
      status: InvoiceStatus[i.status],
      lines: i.lines.map((l) => [LineKind[l.kind], l.amount]),
    }));
  }

  beforeAll(() => {
    const h = harness();
    h.peers.edge(t.p, t.a, JAN.start, at('2026-04-01T00:00:00Z'), {
      billingModel: 'PAYG',
      usage: [{ meterCode: 'compute.vcpu', quantity: '10', amount: '12.345' }],
    });
    a = replica(h, clock);
    b = replica(h, clock);
  });

  it('two replicas ticking at once after a month end make exactly one run, by the scheduler', async () => {
    const h = harness();
    const reports = await Promise.all([a.tick(), b.tick()]);

    expect(reports.map((r) => r.leased).sort()).toEqual([false, true]);
    expect(reports.flatMap((r) => r.runs).map((r) => r.ok)).toEqual([true]);
    expect(await runs(h)).toEqual([
      { period: period(JAN), status: 'SUCCEEDED', startedBy: 'scheduler' },
    ]);
    expect(h.peers.treeCalls).toEqual([{ from: JAN.start, to: JAN.end }]);
    expect(await invoicesOfA(h)).toEqual([
      { period: period(JAN), status: 'DRAFT', lines: [['USAGE', '12.35']] },
    ]);
  });

  it('a second tick does nothing new', async () => {
    const h = harness();
    clock.set(at('2026-02-01T00:10:00Z'));
    expect(await a.tick()).toEqual({ leased: true, runs: [], finalized: [] });
    expect(await b.tick()).toEqual({ leased: true, runs: [], finalized: [] });
    expect((await runs(h)).length).toBe(1);
    expect(h.peers.treeCalls.length).toBe(1);
  });

  it('finalizes the drafts once the grace has passed, not before', async () => {
    const h = harness();
    clock.set(new Date(JAN.end.getTime() + GRACE - 1));
    expect((await b.tick()).finalized).toEqual([]);
    expect((await invoicesOfA(h)).map((i) => i.status)).toEqual(['DRAFT']);

    clock.set(new Date(JAN.end.getTime() + GRACE));
    const { invoices } = await h.client.listInvoices({ sellerTenantId: t.p, buyerTenantId: t.a });
    expect((await b.tick()).finalized).toEqual([invoices[0].id]);
    const finalized = await h.client.getInvoice({ id: invoices[0].id });
    expect(InvoiceStatus[finalized.status]).toBe('FINALIZED');
    expect(finalized.number).not.toBe('');
    expect(finalized.finalizedAt).toEqual(ts(new Date(JAN.end.getTime() + GRACE)));

    expect(await a.tick()).toEqual({ leased: true, runs: [], finalized: [] });
  });

  it('at the next month end, retries a failed run, then bills the late usage of the month before as adjustments', async () => {
    const h = harness();
    clock.set(at('2026-03-01T00:05:00Z'));
    // Two more units of January arrived after its invoice was finalized.
    h.peers.plans.set(`${t.p}|${t.a}`, {
      billingModel: 'PAYG',
      usage: [{ meterCode: 'compute.vcpu', quantity: '12', amount: '14.814' }],
    });
    h.peers.failTreeAfter = 0;
    const failed = await a.tick();
    expect(failed.runs.map((r) => r.ok)).toEqual([false]);
    expect(await runs(h)).toEqual([
      { period: period(JAN), status: 'FAILED', startedBy: 'scheduler' },
      { period: period(JAN), status: 'SUCCEEDED', startedBy: 'scheduler' },
    ]);

    h.peers.failTreeAfter = undefined;
    clock.set(at('2026-03-01T00:10:00Z'));
    const retried = await b.tick();
    expect(retried.runs.map((r) => [period(r.window), r.ok])).toEqual([
      [period(JAN), true],
      [period(FEB), true],
    ]);
    expect(await runs(h)).toEqual([
      { period: period(JAN), status: 'FAILED', startedBy: 'scheduler' },
      { period: period(JAN), status: 'SUCCEEDED', startedBy: 'scheduler' },
      { period: period(JAN), status: 'SUCCEEDED', startedBy: 'scheduler' },
      { period: period(FEB), status: 'SUCCEEDED', startedBy: 'scheduler' },
    ]);
    expect(await invoicesOfA(h)).toEqual([
      { period: period(JAN), status: 'FINALIZED', lines: [['USAGE', '12.35']] },
      {
        period: period(FEB),
        status: 'DRAFT',
        lines: [
          ['USAGE', '14.81'],
          ['ADJUSTMENT', '2.46'],
        ],
      },
    ]);

    clock.set(at('2026-03-01T00:15:00Z'));
    expect(await a.tick()).toEqual({ leased: true, runs: [], finalized: [] });
  });

  it('a replica that stopped holding the lease blocks the others until the lease expires', async () => {
    const h = harness();
    const now = at('2026-03-02T00:00:00Z');
    clock.set(now);
    const expires = new Date(now.getTime() + 600_000);
    expect(await h.app.get(SchedulerLeaseRepository).claim('billing', 'gone', now, expires)).toBe(
      true,
    );
    expect(await a.tick()).toEqual({ leased: false, runs: [], finalized: [] });
    clock.set(new Date(expires.getTime() - 1));
    expect((await b.tick()).leased).toBe(false);
    clock.set(expires);
    expect(await b.tick()).toEqual({ leased: true, runs: [], finalized: [] });
  });
});
