import { useEffect, useState } from 'react';
import type { BillingRun } from '@cascade/contracts';
import { clients } from '../../api/clients';
import { describeProblem, type Problem } from '../../api/errors';
import { useCall, type CallState } from '../../api/use-call';
import { liveRuns, newestChange, withRun } from './live-runs';

/**
 * Every run of the installation, kept live: the list, then each run changed since the
 * newest change the list shows, and each run as it starts and changes wherever it was
 * started (WatchBillingRuns: the service follows the rows, so the page polls nothing).
 * `live` is the watch's problem, if it stopped.
 */
export function useBillingRuns(): CallState<BillingRun[]> & { live?: Problem } {
  const listed = useCall((signal) => clients.invoices.listBillingRuns({}, { signal }), []);
  const [watched, setWatched] = useState<BillingRun[]>([]);
  const [live, setLive] = useState<Problem | undefined>();
  const since = listed.status === 'ok' ? newestChange(listed.data.runs) : undefined;
  useEffect(() => {
    if (!since) return undefined;
    const controller = new AbortController();
    (async () => {
      try {
        const stream = clients.invoices.watchBillingRuns({ since }, { signal: controller.signal });
        for await (const run of stream) setWatched((seen) => withRun(seen, run));
      } catch (error) {
        if (!controller.signal.aborted) setLive(describeProblem(error));
      }
    })();
    return () => controller.abort();
  }, [since?.seconds, since?.nanos]);
  const state: CallState<BillingRun[]> =
    listed.status === 'ok' ? { status: 'ok', data: liveRuns(listed.data.runs, watched) } : listed;
  return { ...state, live };
}
