// The sample Prometheus alerting rules and the Grafana dashboard in deploy/:
// promtool checks and unit-tests the rules, every dashboard query is valid
// PromQL (promtool again), and both name only metrics the services export.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { KNOWN_METRICS, metricsIn } from './metric-names';

const DEPLOY = path.resolve(__dirname, '..', '..', 'deploy');
const ALERTS = path.join(DEPLOY, 'prometheus', 'alerts.yaml');

function promtool(...args: string[]): string {
  try {
    return execFileSync('promtool', args, { encoding: 'utf8', cwd: path.dirname(ALERTS) });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(' ')} failed:\n${stdout}${stderr}`);
  }
}

interface Rule {
  alert: string;
  expr: string;
  labels?: { severity?: string };
  annotations?: { summary?: string; description?: string };
}

interface Panel {
  id: number;
  type: string;
  title: string;
  description?: string;
  panels?: Panel[];
  targets?: { expr: string }[];
}

const rules: Rule[] = (
  parse(readFileSync(ALERTS, 'utf8')) as { groups: { rules: Rule[] }[] }
).groups.flatMap((g) => g.rules);
const dashboard = JSON.parse(
  readFileSync(path.join(DEPLOY, 'grafana', 'cascade.json'), 'utf8'),
) as {
  uid: string;
  panels: Panel[];
};
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
const queried = panels.filter((p) => p.type !== 'row');

/** Names outside the exported list, as "where: name". */
const unknownMetrics = (where: string, expr: string) =>
  metricsIn(expr)
    .filter((name) => !KNOWN_METRICS.has(name))
    .map((name) => `${where}: ${name}`);

test('the metric-name reader finds the selected metrics and nothing else', () => {
  expect(
    metricsIn(
      'histogram_quantile(0.99, sum by (service, le) (rate(cascade_rpc_duration_seconds_bucket{code!="OK"}[5m]))) / ignoring(state) up > 1e3 and cascde_typo',
    ),
  ).toEqual(['cascade_rpc_duration_seconds_bucket', 'up', 'cascde_typo']);
});

test('promtool accepts the alerting rules', () => {
  expect(promtool('check', 'rules', ALERTS)).toContain(`SUCCESS: ${rules.length} rules found`);
});

test('promtool unit tests: alerts fire on trouble and stay quiet otherwise', () => {
  expect(promtool('test', 'rules', 'alerts.test.yaml')).toContain('SUCCESS');
});

test('every alert names only exported metrics, and has a severity, a summary and a meaning', () => {
  expect(rules.flatMap((r) => unknownMetrics(r.alert, r.expr))).toEqual([]);
  for (const rule of rules) {
    expect([rule.alert, rule.labels?.severity]).toEqual([
      rule.alert,
      expect.stringMatching(/^(critical|warning)$/),
    ]);
    expect([
      rule.alert,
      Boolean(rule.annotations?.summary && rule.annotations?.description),
    ]).toEqual([rule.alert, true]);
  }
  // The runbook says what each alert means.
  const runbook = readFileSync(path.resolve(DEPLOY, '..', 'docs', 'OPERATIONS.md'), 'utf8');
  expect(rules.map((r) => r.alert).filter((name) => !runbook.includes(`\`${name}\``))).toEqual([]);
});

test('every dashboard panel queries exported metrics only, and says which question it answers', () => {
  expect(queried.length).toBeGreaterThan(0);
  expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
  for (const panel of queried) {
    expect([panel.title, panel.targets?.length ?? 0]).not.toEqual([panel.title, 0]);
    expect([panel.title, panel.description?.endsWith('?')]).toEqual([panel.title, true]);
  }
  const unknown = queried.flatMap((p) =>
    (p.targets ?? []).flatMap((t) => unknownMetrics(p.title, t.expr)),
  );
  expect(unknown).toEqual([]);
  const named = new Set(
    queried.flatMap((p) => (p.targets ?? []).flatMap((t) => metricsIn(t.expr))),
  );
  // Each exported metric family appears on the dashboard.
  const families = [...KNOWN_METRICS].map((m) => m.replace(/_(bucket|sum|count)$/, ''));
  const shown = [...named].map((m) => m.replace(/_(bucket|sum|count)$/, ''));
  expect(
    [...new Set(families)].filter(
      (f) => f !== 'up' && f !== 'process_start_time_seconds' && !shown.includes(f),
    ),
  ).toEqual([]);
});

test('every dashboard query is valid PromQL (promtool, with Grafana’s variables filled in)', () => {
  const exprs = queried.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
  const rulesFile = {
    groups: [
      {
        name: 'dashboard',
        rules: exprs.map((expr, i) => ({
          record: `dashboard:query_${i}`,
          expr: expr
            .replace(/\$__rate_interval/g, '5m')
            .replace(/\$__range/g, '1d')
            .replace(/\$service/g, 'metering'),
        })),
      },
    ],
  };
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cascade-dashboard-')), 'queries.json');
  writeFileSync(file, JSON.stringify(rulesFile));
  expect(promtool('check', 'rules', file)).toContain(`SUCCESS: ${exprs.length} rules found`);
});
