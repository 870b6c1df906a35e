import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';

/** Numbered vCPU gauge drafts: easy to check for order and count. */
export function draftRange(
  from: number,
  count: number,
  overrides: Partial<UsageEventDraft> = {},
): UsageEventDraft[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `evt-${String(from + i).padStart(6, '0')}`,
    source: 'test',
    projectId: 'proj-a',
    meterCode: 'compute.vcpu',
    quantity: '1',
    timestamp: '2026-01-01T00:00:00.000Z',
    resourceId: `vm-${from + i}`,
    properties: {},
    ...overrides,
  }));
}

export const silentLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A logger that keeps its lines, to assert what an operator would read. */
export function recordingLogger(): {
  lines: string[];
  info(m: string): void;
  warn(m: string): void;
  error(m: string): void;
} {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}
