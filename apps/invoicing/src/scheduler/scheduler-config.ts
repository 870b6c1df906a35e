/** The billing scheduler's settings, from the environment. */
export interface SchedulerConfig {
  enabled: boolean;
  /** How often a replica ticks (ms). */
  intervalMs: number;
  /** How long after its period's end a draft stays open for review (ms). */
  graceMs: number;
}

export const SCHEDULER_VARIABLES = {
  enabled: 'BILLING_SCHEDULER',
  interval: 'BILLING_SCHEDULER_INTERVAL',
  grace: 'BILLING_FINALIZE_GRACE',
} as const;

const DEFAULTS = { interval: '5m', grace: '72h' };

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Read once at startup; a bad value stops the service with the variable named, so a
 * typo never leaves billing silently unscheduled (or finalizing at once).
 */
export function schedulerConfig(env: NodeJS.ProcessEnv = process.env): SchedulerConfig {
  const switchValue = (env[SCHEDULER_VARIABLES.enabled] ?? '').trim().toLowerCase();
  if (!['', 'on', 'off'].includes(switchValue))
    throw new RangeError(
      `${SCHEDULER_VARIABLES.enabled}: must be "on" or "off", not ${JSON.stringify(env[SCHEDULER_VARIABLES.enabled])}`,
    );
  const intervalMs = duration(SCHEDULER_VARIABLES.interval, env, DEFAULTS.interval);
  if (intervalMs === 0)
    throw new RangeError(`${SCHEDULER_VARIABLES.interval}: must be longer than 0`);
  return {
    enabled: switchValue === 'on',
    intervalMs,
    graceMs: duration(SCHEDULER_VARIABLES.grace, env, DEFAULTS.grace),
  };
}

/** "72h", "30m", "1d", "90s", "500ms" or "0". */
export function parseDuration(raw: string): number | undefined {
  const text = raw.trim();
  if (text === '0') return 0;
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS[match[2]];
  return Number.isSafeInteger(ms) ? ms : undefined;
}

function duration(variable: string, env: NodeJS.ProcessEnv, fallback: string): number {
  const raw = env[variable];
  const ms = parseDuration(raw === undefined || raw.trim() === '' ? fallback : raw);
  if (ms === undefined)
    throw new RangeError(
      `${variable}: not a duration: ${JSON.stringify(raw)} (a whole number and a unit, e.g. 72h, 30m, 1d, 90s, or 0)`,
    );
  return ms;
}
