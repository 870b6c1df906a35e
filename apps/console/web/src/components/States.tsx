import type { ReactNode } from 'react';
import type { CallState } from '../api/use-call';
import type { Problem } from '../api/errors';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** A failed call, in words: "Not found …", "Not available on this server yet", "Not allowed …". */
export function ProblemView({ problem, what }: { problem: Problem; what: string }) {
  return (
    <div className={`state problem problem-${problem.kind}`} role="alert">
      <strong>{what}:</strong> {problem.message}
    </div>
  );
}

/** Loading, the problem, or the view of the data: every view goes through here. */
export function Loaded<T>({
  state,
  what,
  children,
}: {
  state: CallState<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (state.status === 'loading') return <Loading what={what} />;
  if (state.status === 'error') return <ProblemView problem={state.problem} what={what} />;
  return <>{children(state.data)}</>;
}
