import { timestampDate } from '@bufbuild/protobuf/wkt';
import { BillingRunStatus, type BillingRun } from '@cascade/contracts';
import { Empty, Loaded, ProblemView } from '../../components/States';
import { Table } from '../../components/Table';
import { enumLabel } from '../../format/enums';
import { day, hasEnded, instant } from '../../format/period';
import { usePeriod } from '../../components/PeriodContext';
import { RunUnpriced } from './RunUnpriced';
import { useBillingRuns } from './use-billing-runs';
import { useRunBilling } from './use-run-billing';

/** Every billing run of the installation (the operator's), each running one live. */
export function BillingRunsPage() {
  const runs = useBillingRuns();
  return (
    <>
      <h1>Billing runs</h1>
      <RunBilling />
      {runs.live && <ProblemView problem={runs.live} what="Live progress" />}
      <Loaded state={runs} what="Billing runs">
        {(list) =>
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
                  'Started by',
                  'Edges',
                  'Invoices billed',
                  'Invoices written',
                  'Unpriced lines',
                ]}
              >
                {list.map((r) => (
                  <RunRow key={r.id} run={r} />
                ))}
              </Table>
              <RunUnpriced run={list[0]} />
            </>
          )
        }
      </Loaded>
    </>
  );
}

function RunRow({ run: r }: { run: BillingRun }) {
  return (
    <tr data-run={r.id}>
      <td>{r.periodStart ? day(timestampDate(r.periodStart)) : '—'}</td>
      <td>
        {enumLabel(BillingRunStatus, r.status)}
        {r.preview ? ' (preview)' : ''}
      </td>
      <td>{r.startedAt ? instant(timestampDate(r.startedAt)) : '—'}</td>
      <td>{r.startedBy || '—'}</td>
      <td>
        {r.edgesSeen}
        {r.edgesTotal ? ` of ${r.edgesTotal}` : ''}
      </td>
      <td>{r.invoicesBilled}</td>
      <td>{r.invoicesWritten}</td>
      <td className={r.unpricedLines > 0 ? 'flag' : undefined}>{r.unpricedLines}</td>
    </tr>
  );
}

/** Bills the chosen month, or previews it when it has not ended (the API bills nothing else). */
function RunBilling() {
  const { period, month } = usePeriod();
  const run = useRunBilling();
  const preview = !hasEnded(period);
  return (
    <section aria-labelledby="run-title">
      <h2 id="run-title">{preview ? 'Preview a month' : 'Bill a month'}</h2>
      {preview && (
        <p id="run-preview-note">
          {month} has not ended: its run is a preview, whose drafts are never finalized.
        </p>
      )}
      <button
        type="button"
        onClick={() => void run.run(period)}
        disabled={run.running}
        aria-describedby={preview ? 'run-preview-note' : undefined}
      >
        {preview ? 'Preview' : 'Bill'} {month} for every tree
      </button>
      {run.problem && <ProblemView problem={run.problem} what="Billing run" />}
      {run.progress && (
        <p role="status">
          {enumLabel(BillingRunStatus, run.progress.status)}
          {run.progress.preview ? ' (preview)' : ''}: {run.progress.edgesSeen}
          {run.progress.edgesTotal ? ` of ${run.progress.edgesTotal}` : ''} edges,{' '}
          {run.progress.invoicesWritten} invoices written
          {run.live ? '' : ' (live progress: not available on this server yet)'}
        </p>
      )}
    </section>
  );
}
