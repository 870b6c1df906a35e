import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

export type ChartOption = EChartsCoreOption;

// ECharts is most of the bundle: loaded apart, it does not hold up the tables beside it.
const EChart = lazy(() => import('./EChart'));

/**
 * An ECharts chart that follows its container's width. The picture is
 * decoration for screen readers: every chart sits next to a table of its data,
 * and `label` says what it shows.
 */
export function Chart({
  option,
  label,
  height = 280,
}: {
  option: ChartOption;
  label: string;
  height?: number;
}) {
  return (
    <Suspense fallback={<div className="chart" role="img" aria-label={label} style={{ height }} />}>
      <EChart option={option} label={label} height={height} />
    </Suspense>
  );
}
