import { useCallback, useEffect, useState } from 'react';
import { describeProblem, type Problem } from './errors';

export type CallState<T> =
  { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; problem: Problem };

/**
 * Runs a call when its inputs change and keeps loading / data / problem for the
 * view; `reload` runs it again (after a change). A stale answer never
 * overwrites a newer one.
 */
export function useCall<T>(
  call: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): CallState<T> & { reload: () => void } {
  const [state, setState] = useState<CallState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    call(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'ok', data }),
      (error: unknown) =>
        !controller.signal.aborted &&
        setState({ status: 'error', problem: describeProblem(error) }),
    );
    return () => controller.abort();
  }, [...deps, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}

/** A change the person asks for (a button): running, its problem if it failed. */
export function useAction<A extends unknown[], T>(action: (...args: A) => Promise<T>) {
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const run = useCallback(
    async (...args: A): Promise<T | undefined> => {
      setRunning(true);
      setProblem(undefined);
      try {
        return await action(...args);
      } catch (error) {
        setProblem(describeProblem(error));
        return undefined;
      } finally {
        setRunning(false);
      }
    },
    [action],
  );
  return { run, running, problem, clear: () => setProblem(undefined) };
}
