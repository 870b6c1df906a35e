/** The timed side of bench:query, forked as its own process: it only asks and measures. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { UsageService } from '@cascade/contracts';
import { bearerAuth, peerClient } from '@cascade/platform';
import { Dec } from '@cascade/money';
import { percentile } from './support';

export interface QueryClientTask {
  url: string;
  queries: number;
  from: number;
  to: number;
  nodes: { level: string; id: string }[];
  customerRef: string;
}

export interface QueryClientReport {
  levels: { level: string; total: string; p50: number; p99: number }[];
  visible: { samples: number; p50: number; p99: number };
}

async function measure(task: QueryClientTask): Promise<QueryClientReport> {
  const usage = peerClient(UsageService, {
    baseUrl: task.url,
    timeoutMs: 60_000,
    auth: bearerAuth(process.env.BENCH_TOKEN as string),
  });
  const window = {
    from: timestampFromDate(new Date(task.from)),
    to: timestampFromDate(new Date(task.to)),
  };
  const subtree = (tenantId: string) =>
    usage.queryUsage({ tenantId, meterCode: 'bench.calls', ...window, includeDescendants: true });
  const levels: QueryClientReport['levels'] = [];
  for (const node of task.nodes) {
    for (let i = 0; i < 5; i++) await subtree(node.id);
    const times: number[] = [];
    let total = '';
    for (let i = 0; i < task.queries; i++) {
      const t0 = performance.now();
      total = (await subtree(node.id)).total;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    levels.push({
      level: node.level,
      total,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
    });
  }
  // From the ack of one new event until the provider's month total includes it.
  const provider = task.nodes[0].id;
  const visible: number[] = [];
  for (let i = 0; i < 50; i++) {
    const expected = new Dec((await subtree(provider)).total).plus(1);
    const ack = await usage.recordUsage({
      events: [
        {
          id: `visible-${i}`,
          tenantExternalRef: task.customerRef,
          meterCode: 'bench.calls',
          quantity: '1',
          timestamp: timestampFromDate(new Date(task.from + i * 60_000)),
        },
      ],
    });
    const acked = performance.now();
    if (ack.accepted !== 1) throw new Error(`event ${i} not accepted`);
    while (new Dec((await subtree(provider)).total).lt(expected));
    visible.push(performance.now() - acked);
  }
  visible.sort((a, b) => a - b);
  return {
    levels,
    visible: {
      samples: visible.length,
      p50: percentile(visible, 50),
      p99: percentile(visible, 99),
    },
  };
}

process.once('message', (task) => {
  measure(task as QueryClientTask)
    .then((report) => process.send?.(report, () => process.exit(0)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
});
