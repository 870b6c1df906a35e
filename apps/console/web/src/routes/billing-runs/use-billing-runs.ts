import { useEffect, useState } from 'react';
import type { BillingRun } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { describeProblem, type Problem } from '../../api/errors';
import { useCall, type CallState } from '../../api/use-call';
import { liveRuns, withRun } from './live-runs';

/**
 * Every run of the installation, kept live: the list, then each run as it starts and
 * changes wherever it was started (WatchBillingRuns: the service follows the rows, so
 * the page polls nothing). The watch is asked for before the list, and it starts with
 * the runs RUNNING then, so a listed running run is followed to its end (unless it ends
 * in the instant between the two calls reaching the service). `live` is the watch's
 * problem, if it stopped.
 */
export function useBillingRuns(): CallState<BillingRun[]> & { live?: Problem } {
  const [watched, setWatched] = useState<BillingRun[]>([]);
  const [live, setLive] = useState<Problem | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      try {
        const stream = clients.invoices.watchBillingRuns({}, { signal: controller.signal });
        for await (const run of stream) setWatched((seen) => withRun(seen, run));
      } catch (error) {
        if (!controller.signal.aborted) setLive(describeProblem(error));
      }
    })();
    return () => controller.abort();
  }, []);
  const listed = useCall((signal) => clients.invoices.listBillingRuns({}, { signal }), []);
  const state: CallState<BillingRun[]> =
    listed.status === 'ok' ? { status: 'ok', data: liveRuns(listed.data.runs, watched) } : listed;
  return { ...state, live };
}
