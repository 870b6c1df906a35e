import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { Granularity, GroupBy, type QueryUsageResponse } from '@cascade/contracts';
import { Chart, type ChartOption } from '../../components/Chart';
import { Quantity } from '../../components/Money';
import { Empty, Loaded } from '../../components/States';
import { Table } from '../../components/Table';
import { usePeriod } from '../../components/PeriodContext';
import { instant } from '../../format/period';
import { namesOf, useChildren, useTenant } from '../../hooks/tenants';
import { useMeters, useUsageSeries } from './use-usage';

/** Usage over time per meter: hourly, daily or monthly, for the node or its subtree, split by child or resource. */
export function UsagePage() {
  const { id = '' } = useParams();
  const meters = useMeters();
  return (
    <>
      <h1>Usage</h1>
      <Loaded state={meters} what="Meters">
        {({ meters: list }) =>
          list.length === 0 ? (
            <Empty>No meters are defined yet.</Empty>
          ) : (
            <UsageExplorer tenantId={id} meterCodes={list.map((m) => m.code)} />
          )
        }
      </Loaded>
    </>
  );
}

function UsageExplorer({ tenantId, meterCodes }: { tenantId: string; meterCodes: string[] }) {
  const { period } = usePeriod();
  const [meterCode, setMeter] = useState(meterCodes[0]);
  const [granularity, setGranularity] = useState(Granularity.DAY);
  const [groupBy, setGroupBy] = useState(GroupBy.CHILD_TENANT);
  const [subtree, setSubtree] = useState(true);
  const usage = useUsageSeries({ tenantId, meterCode, granularity, groupBy, subtree, period });
  const children = useChildren(tenantId);
  const node = useTenant(tenantId);
  const names = namesOf(
    children.status === 'ok' ? children.data.tenants : [],
    node.status === 'ok' ? [node.data] : [],
  );
  return (
    <>
      <div className="controls">
        <span className="field inline">
          <label htmlFor="meter">Meter</label>
          <select id="meter" value={meterCode} onChange={(e) => setMeter(e.target.value)}>
            {meterCodes.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </span>
        <span className="field inline">
          <label htmlFor="granularity">Granularity</label>
          <select
            id="granularity"
            value={granularity}
            onChange={(e) => setGranularity(Number(e.target.value))}
          >
            <option value={Granularity.HOUR}>Hourly</option>
            <option value={Granularity.DAY}>Daily</option>
            <option value={Granularity.MONTH}>Monthly</option>
          </select>
        </span>
        <span className="field inline">
          <label htmlFor="group-by">Split by</label>
          <select
            id="group-by"
            value={groupBy}
            onChange={(e) => setGroupBy(Number(e.target.value))}
          >
            <option value={GroupBy.CHILD_TENANT}>Child tenant</option>
            <option value={GroupBy.RESOURCE}>Resource</option>
          </select>
        </span>
        <span className="field inline check">
          <input
            id="subtree"
            type="checkbox"
            checked={subtree}
            onChange={(e) => setSubtree(e.target.checked)}
          />
          <label htmlFor="subtree">Include the subtree</label>
        </span>
      </div>
      <Loaded state={usage} what="Usage">
        {(data) => <UsageView data={data} meterCode={meterCode} names={names} />}
      </Loaded>
    </>
  );
}

function UsageView({
  data,
  meterCode,
  names,
}: {
  data: QueryUsageResponse;
  meterCode: string;
  names: Map<string, string>;
}) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 60, right: 20, top: 20, bottom: 40 },
      xAxis: {
        type: 'category',
        data: data.series.map((p) => (p.start ? instant(timestampDate(p.start)) : '')),
      },
      yAxis: { type: 'value', name: data.unit },
      // The line is a picture (numbers); the table below holds the exact decimal values.
      series: [{ type: 'line', name: meterCode, data: data.series.map((p) => Number(p.value)) }],
    }),
    [data, meterCode],
  );
  if (data.series.length === 0 && data.groups.length === 0)
    return <Empty>No usage of {meterCode} in this period.</Empty>;
  return (
    <>
      <p>
        Total:{' '}
        <strong data-testid="usage-total">
          <Quantity value={data.total} unit={data.unit} />
        </strong>
      </p>
      <Chart option={option} label={`${meterCode} over time`} />
      <Table label="Usage split" head={['Part', 'Quantity']}>
        {data.groups.map((g) => (
          <tr key={g.key}>
            <td>{names.get(g.key) ?? g.key}</td>
            <td>
              <Quantity value={g.value} unit={data.unit} />
            </td>
          </tr>
        ))}
      </Table>
    </>
  );
}
