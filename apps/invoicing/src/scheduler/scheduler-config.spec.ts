import { parseDuration, schedulerConfig } from './scheduler-config';

describe('schedulerConfig', () => {
  it('is off by default, checking every 5 minutes, finalizing 72 hours after the period', () => {
    expect(schedulerConfig({})).toEqual({
      enabled: false,
      intervalMs: 300_000,
      graceMs: 259_200_000,
    });
  });

  it('reads the three variables', () => {
    expect(
      schedulerConfig({
        BILLING_SCHEDULER: 'on',
        BILLING_SCHEDULER_INTERVAL: '30s',
        BILLING_FINALIZE_GRACE: '0',
      }),
    ).toEqual({ enabled: true, intervalMs: 30_000, graceMs: 0 });
    expect(schedulerConfig({ BILLING_SCHEDULER: 'OFF' }).enabled).toBe(false);
  });

  it.each([
    [{ BILLING_SCHEDULER: 'yes' }, 'BILLING_SCHEDULER: must be "on" or "off", not "yes"'],
    [
      { BILLING_FINALIZE_GRACE: '3 days' },
      'BILLING_FINALIZE_GRACE: not a duration: "3 days" (a whole number and a unit, e.g. 72h, 30m, 1d, 90s, or 0)',
    ],
    [
      { BILLING_SCHEDULER_INTERVAL: '-5m' },
      'BILLING_SCHEDULER_INTERVAL: not a duration: "-5m" (a whole number and a unit, e.g. 72h, 30m, 1d, 90s, or 0)',
    ],
    [{ BILLING_SCHEDULER_INTERVAL: '0' }, 'BILLING_SCHEDULER_INTERVAL: must be longer than 0'],
  ])('refuses %j', (env, message) => {
    expect(() => schedulerConfig(env)).toThrow(new RangeError(message));
  });

  it.each([
    ['72h', 259_200_000],
    ['1d', 86_400_000],
    ['90s', 90_000],
    ['500ms', 500],
    ['0', 0],
    ['1.5h', undefined],
    ['h', undefined],
    ['10', undefined],
  ])('parses %s as %s ms', (raw, ms) => {
    expect(parseDuration(raw)).toBe(ms);
  });
});
