import { useMemo } from 'react';
import type { SummarizeTreeResponse } from '@cascade/contracts';
import { Chart, type ChartOption } from '../../components/Chart';
import { Quantity } from '../../components/Money';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import type { CallState } from '../../api/use-call';

/** Usage per child per meter for the period, and a treemap of who used what. */
export function TreeSummary({
  summary,
  month,
}: {
  summary: CallState<SummarizeTreeResponse>;
  month: string;
}) {
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">Usage of the subtree in {month}</h2>
      <Loaded state={summary} what="Tree totals">
        {(data) => <SummaryView data={data} />}
      </Loaded>
    </section>
  );
}

function SummaryView({ data }: { data: SummarizeTreeResponse }) {
  const meters = [...new Set(data.subtree.map((m) => m.meterCode))];
  const meter = meters[0];
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {},
      series: [
        {
          type: 'treemap',
          name: meter,
          data: data.children.map((c) => ({
            name: c.tenant?.name ?? '',
            // ECharts draws areas from numbers: the picture only, the table holds the exact values.
            value: Number(c.totals.find((t) => t.meterCode === meter)?.quantity ?? '0'),
          })),
        },
      ],
    }),
    [data, meter],
  );
  if (meters.length === 0) return <Empty>No usage in this period.</Empty>;
  return (
    <>
      <Chart option={option} label={`Treemap of ${meter} by child`} />
      <Table label="Usage per child" head={['Child', ...meters]}>
        {data.children.map((c) => (
          <tr key={c.tenant?.id}>
            <td>{c.tenant?.name}</td>
            {meters.map((m) => {
              const total = c.totals.find((t) => t.meterCode === m);
              return (
                <td key={m}>
                  {total ? <Quantity value={total.quantity} unit={total.unit} /> : '—'}
                </td>
              );
            })}
          </tr>
        ))}
      </Table>
    </>
  );
}
