import { useEffect, useState } from 'react';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { BillingRunStatus, type BillingRun } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { describeProblem, type Problem } from '../../api/errors';
import { useCall } from '../../api/use-call';
import { Empty, Loaded, ProblemView } from '../../components/States';
import { Table } from '../../components/Table';
import { enumLabel } from '../../format/enums';
import { day, instant } from '../../format/period';
import { usePeriod } from '../../components/PeriodContext';
import { RunUnpriced } from './RunUnpriced';
import { useRunBilling } from './use-run-billing';

/** Every billing run of the installation (the operator's), and a running one's live progress. */
export function BillingRunsPage() {
  const runs = useCall((signal) => clients.invoices.listBillingRuns({}, { signal }), []);
  return (
    <>
      <h1>Billing runs</h1>
      <RunBilling after={runs.reload} />
      <Loaded state={runs} what="Billing runs">
        {({ runs: list }) =>
          list.length === 0 ? (
            <Empty>No billing run yet.</Empty>
          ) : (
            <>
              <Table
                label="Billing runs"
                head={[
                  'Period',
                  'Status',
                  'Started',
                  'Edges',
                  'Invoices written',
                  'Unpriced lines',
                ]}
              >
                {list.map((r) => (
                  <tr key={r.id}>
                    <td>{r.periodStart ? day(timestampDate(r.periodStart)) : '—'}</td>
                    <td>{enumLabel(BillingRunStatus, r.status)}</td>
                    <td>{r.startedAt ? instant(timestampDate(r.startedAt)) : '—'}</td>
                    <td>
                      {r.edgesSeen}
                      {r.edgesTotal ? ` of ${r.edgesTotal}` : ''}
                    </td>
                    <td>{r.invoicesWritten}</td>
                    <td className={r.unpricedLines > 0 ? 'flag' : undefined}>{r.unpricedLines}</td>
                  </tr>
                ))}
              </Table>
              <LiveRun run={list.find((r) => r.status === BillingRunStatus.RUNNING) ?? list[0]} />
              <RunUnpriced run={list[0]} />
            </>
          )
        }
      </Loaded>
    </>
  );
}

function RunBilling({ after }: { after: () => void }) {
  const { period, month } = usePeriod();
  const run = useRunBilling(after);
  return (
    <section aria-labelledby="run-title">
      <h2 id="run-title">Bill a month</h2>
      <button type="button" onClick={() => void run.run(period)} disabled={run.running}>
        Bill {month} for every tree
      </button>
      {run.problem && <ProblemView problem={run.problem} what="Billing run" />}
      {run.progress && (
        <p role="status">
          {enumLabel(BillingRunStatus, run.progress.status)}: {run.progress.edgesSeen}
          {run.progress.edgesTotal ? ` of ${run.progress.edgesTotal}` : ''} edges,{' '}
          {run.progress.invoicesWritten} invoices written
          {run.live ? '' : ' (live progress: not available on this server yet)'}
        </p>
      )}
    </section>
  );
}

/** Follows one run with WatchBillingRun while the page is open. */
function LiveRun({ run }: { run: BillingRun }) {
  const [latest, setLatest] = useState<BillingRun>(run);
  const [problem, setProblem] = useState<Problem | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      try {
        for await (const update of clients.invoices.watchBillingRun(
          { id: run.id },
          { signal: controller.signal },
        )) {
          setLatest(update);
        }
      } catch (error) {
        if (!controller.signal.aborted) setProblem(describeProblem(error));
      }
    })();
    return () => controller.abort();
  }, [run.id]);
  return (
    <section aria-labelledby="live-title">
      <h2 id="live-title">Progress of the latest run</h2>
      {problem ? (
        <ProblemView problem={problem} what="Live progress" />
      ) : (
        <p role="status">
          {enumLabel(BillingRunStatus, latest.status)}: {latest.edgesSeen}
          {latest.edgesTotal ? ` of ${latest.edgesTotal}` : ''} edges, {latest.invoicesWritten}{' '}
          invoices written
        </p>
      )}
    </section>
  );
}
