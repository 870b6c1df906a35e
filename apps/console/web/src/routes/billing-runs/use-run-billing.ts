import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError } from '@connectrpc/connect';
import type { BillingRun } from '@cascade/contracts';
import { useState } from 'react';
import { clients } from '../../api/clients';
import { useAction } from '../../api/use-call';
import type { Period } from '../../format/period';

/**
 * Bills a month for the whole installation, following its progress as it
 * streams (RunBillingWithProgress); on a server without the stream, the plain
 * RunBilling answers once at the end and `live` says so.
 */
export function useRunBilling(after: () => void) {
  const [progress, setProgress] = useState<BillingRun | undefined>();
  const [live, setLive] = useState(true);
  const action = useAction(async (period: Period) => {
    const request = {
      periodStart: timestampFromDate(period.start),
      periodEnd: timestampFromDate(period.end),
    };
    setProgress(undefined);
    setLive(true);
    try {
      for await (const run of clients.invoices.runBillingWithProgress(request)) setProgress(run);
    } catch (error) {
      if (ConnectError.from(error).code !== Code.Unimplemented) throw error;
      setLive(false);
      setProgress((await clients.invoices.runBilling(request)).run);
    }
    after();
  });
  return { ...action, progress, live };
}
