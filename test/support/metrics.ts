import { spawnSync } from 'node:child_process';
import * as http from 'node:http';

/** One GET of a Prometheus endpoint over HTTP/1.1: the exposition text. */
export function scrape(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // No keep-alive: a pooled socket would outlive the test.
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(body)
            : reject(new Error(`${url}: HTTP ${response.statusCode}: ${body}`)),
        );
      })
      .on('error', reject);
  });
}

/**
 * prom-client's default gauges keep their historical names (nodejs_active_handles_total …),
 * which promtool's linter flags; the client library fixes them, they are not ours to rename.
 */
const DEFAULT_METRIC_LINT =
  /^nodejs_active_\w+_total non-counter metrics should not have "_total" suffix$/;

/**
 * `promtool check metrics` (Debian's prometheus package) on an exposition:
 * Prometheus's own parser and linter. Returns what it refused or flagged, one
 * line each, less the linter's notes on prom-client's default names; [] when clean.
 */
export function promtoolProblems(exposition: string): string[] {
  const result = spawnSync('promtool', ['check', 'metrics'], {
    input: exposition,
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  const lines = `${result.stdout}${result.stderr}`.split('\n').filter((l) => l.trim() !== '');
  // Exit 1 is a parse failure; 3 means lint findings only.
  if (result.status !== 0 && result.status !== 3) return [`exit ${result.status}`, ...lines];
  return lines.filter((l) => !DEFAULT_METRIC_LINT.test(l));
}

/** Labels exactly as exposed: {service="metering",outcome="accepted"}. */
export type Labels = Record<string, string>;

function labelsOf(text: string): Labels {
  const labels: Labels = {};
  for (const [, name, value] of text.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[name] = value;
  return labels;
}

/**
 * The value of one sample, found by name and a subset of its labels (the
 * exposition is validated by promtool; this only reads it). Absent is undefined.
 */
export function sample(exposition: string, name: string, labels: Labels = {}): number | undefined {
  for (const line of exposition.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const own = labelsOf(match[2] ?? '');
    if (Object.entries(labels).every(([k, v]) => own[k] === v)) return Number(match[3]);
  }
  return undefined;
}
