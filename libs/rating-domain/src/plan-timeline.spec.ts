import { planTimeline, type PlanAssignment, type PlanVersionRef } from './plan-timeline';

const at = (iso: string) => new Date(iso);
const march = { start: at('2025-03-01T00:00:00Z'), end: at('2025-04-01T00:00:00Z') };
const assign = (planId: string, from: string): PlanAssignment => ({
  planId,
  effectiveFrom: at(from),
});
const version = (planId: string, v: number, from: string): PlanVersionRef => ({
  planId,
  version: v,
  effectiveFrom: at(from),
});
type SpanRow = [planId: string, version: number, from: string, to: string];

const basic = version('basic', 1, '2025-01-01T00:00:00Z');
const pro = version('pro', 1, '2025-01-01T00:00:00Z');

describe('planTimeline', () => {
  it.each<[string, PlanAssignment[], PlanVersionRef[], SpanRow[]]>([
    [
      'one plan all period: an older version applies from the start',
      [assign('basic', '2024-06-01T00:00:00Z')],
      [basic],
      [['basic', 1, '2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z']],
    ],
    [
      'a new plan version mid-period splits at its instant',
      [assign('basic', '2024-06-01T00:00:00Z')],
      [basic, version('basic', 2, '2025-03-16T12:00:00Z')],
      [
        ['basic', 1, '2025-03-01T00:00:00.000Z', '2025-03-16T12:00:00.000Z'],
        ['basic', 2, '2025-03-16T12:00:00.000Z', '2025-04-01T00:00:00.000Z'],
      ],
    ],
    [
      're-assignment mid-period splits at its instant',
      [assign('basic', '2024-06-01T00:00:00Z'), assign('pro', '2025-03-10T00:00:00Z')],
      [basic, pro],
      [
        ['basic', 1, '2025-03-01T00:00:00.000Z', '2025-03-10T00:00:00.000Z'],
        ['pro', 1, '2025-03-10T00:00:00.000Z', '2025-04-01T00:00:00.000Z'],
      ],
    ],
    [
      'an assignment starting mid-period covers only the rest',
      [assign('pro', '2025-03-20T08:30:00Z')],
      [pro],
      [['pro', 1, '2025-03-20T08:30:00.000Z', '2025-04-01T00:00:00.000Z']],
    ],
    ['nothing assigned', [], [basic], []],
    ['assigned only after the period', [assign('basic', '2025-04-01T00:00:00Z')], [basic], []],
    [
      'changes outside the period and at its very start leave no zero-length span',
      [assign('basic', '2024-06-01T00:00:00Z'), assign('pro', '2025-03-01T00:00:00Z')],
      [basic, pro, version('pro', 2, '2025-04-01T00:00:00Z')],
      [['pro', 1, '2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z']],
    ],
    [
      're-assigning the same plan does not split',
      [assign('basic', '2024-06-01T00:00:00Z'), assign('basic', '2025-03-05T00:00:00Z')],
      [basic],
      [['basic', 1, '2025-03-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z']],
    ],
    [
      'unordered input, a version change inside a re-assigned stretch',
      [assign('pro', '2025-03-10T00:00:00Z'), assign('basic', '2024-06-01T00:00:00Z')],
      [version('pro', 2, '2025-03-20T00:00:00Z'), pro, basic],
      [
        ['basic', 1, '2025-03-01T00:00:00.000Z', '2025-03-10T00:00:00.000Z'],
        ['pro', 1, '2025-03-10T00:00:00.000Z', '2025-03-20T00:00:00.000Z'],
        ['pro', 2, '2025-03-20T00:00:00.000Z', '2025-04-01T00:00:00.000Z'],
      ],
    ],
  ])('%s', (_name, assignments, versions, spans) => {
    const shown = planTimeline(assignments, versions, march).map((s): SpanRow => [
      s.planId,
      s.version,
      s.from.toISOString(),
      s.to.toISOString(),
    ]);
    expect(shown).toEqual(spans);
  });

  it('throws when an assigned stretch has no plan version in force', () => {
    const late = version('basic', 1, '2025-03-05T00:00:00Z');
    expect(() => planTimeline([assign('basic', '2025-03-01T00:00:00Z')], [late], march)).toThrow(
      new Error('plan basic has no version in force at 2025-03-01T00:00:00.000Z'),
    );
  });

  it('throws on a period that ends before it starts', () => {
    const backwards = { start: march.end, end: march.start };
    expect(() => planTimeline([], [], backwards)).toThrow(
      new Error('period end is before its start'),
    );
  });
});
