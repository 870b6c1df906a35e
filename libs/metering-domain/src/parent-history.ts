/** Under whom a tenant was during [from, to); `to` null means still; parentId null means a root. */
export type ParentPeriod = {
  readonly parentId: string | null;
  readonly from: Date;
  readonly to: Date | null;
};

/** Contiguous periods, oldest first; only the last one is open. */
export type ParentHistory = readonly ParentPeriod[];

export type MoveResult =
  | { readonly ok: true; readonly history: ParentPeriod[] }
  | { readonly ok: false; readonly reason: string };

/**
 * The history after moving under newParentId from effectiveAt on. Past periods
 * are never rewritten (usage already attributed to them stays put), so a move
 * may not take effect before the current period began. Moving to the current
 * parent changes nothing, which makes replaying a move harmless.
 */
export function applyMove(
  history: ParentHistory,
  newParentId: string | null,
  effectiveAt: Date,
): MoveResult {
  if (Number.isNaN(effectiveAt.getTime())) return rejected('effective_at is not a valid instant');
  const current = history.at(-1);
  if (current === undefined)
    return { ok: true, history: [{ parentId: newParentId, from: effectiveAt, to: null }] };
  if (current.to !== null) return rejected('the history has no open period');
  if (effectiveAt.getTime() < current.from.getTime())
    return rejected(
      `effective_at ${effectiveAt.toISOString()} is before the current parent period began at ${current.from.toISOString()}`,
    );
  if (newParentId === current.parentId) return { ok: true, history: [...history] };
  const past = history.slice(0, -1);
  // A move at the very instant the current period began replaces it instead of
  // leaving an empty period behind.
  if (effectiveAt.getTime() > current.from.getTime()) past.push({ ...current, to: effectiveAt });
  return {
    ok: true,
    history: mergeLast(past, { parentId: newParentId, from: effectiveAt, to: null }),
  };
}

/**
 * The parent in force at the instant: null for a root, undefined before the
 * history begins (the tenant did not exist yet).
 */
export function parentAt(history: ParentHistory, instant: Date): string | null | undefined {
  const t = instant.getTime();
  const period = history.find(
    (p) => p.from.getTime() <= t && (p.to === null || t < p.to.getTime()),
  );
  return period?.parentId;
}

function rejected(reason: string): MoveResult {
  return { ok: false, reason };
}

// Keeps the history canonical: a move back to the previous parent at the
// instant it was left yields one period, not two adjacent equal ones.
function mergeLast(past: ParentPeriod[], next: ParentPeriod): ParentPeriod[] {
  const previous = past.at(-1);
  if (previous !== undefined && previous.parentId === next.parentId)
    return [...past.slice(0, -1), { ...previous, to: next.to }];
  return [...past, next];
}
