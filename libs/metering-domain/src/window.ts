/** A half-open interval of instants, [from, to): `to` itself is outside. */
export type Window = { readonly from: Date; readonly to: Date };

/** Throws on invalid dates or a window that ends before it starts; empty windows are fine. */
export function assertWindow(window: Window): void {
  const from = window.from.getTime();
  const to = window.to.getTime();
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('window has an invalid date');
  if (to < from)
    throw new RangeError(
      `window ends before it starts: ${window.from.toISOString()} > ${window.to.toISOString()}`,
    );
}

export function contains(window: Window, instant: Date): boolean {
  const t = instant.getTime();
  return t >= window.from.getTime() && t < window.to.getTime();
}

/** The common part of two windows, empty (from = to) when they do not overlap. */
export function intersect(a: Window, b: Window): Window {
  const from = Math.max(a.from.getTime(), b.from.getTime());
  const to = Math.max(from, Math.min(a.to.getTime(), b.to.getTime()));
  return { from: new Date(from), to: new Date(to) };
}
