import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Code, ConnectError } from '@connectrpc/connect';
import type { BillingRun } from '@cascade/contracts';
import { useState } from 'react';
import { clients } from '../../api/clients';
import { useAction } from '../../api/use-call';
import { hasEnded, type Period } from '../../format/period';

/**
 * Bills a month for the whole installation, following its progress as it
 * streams (RunBillingWithProgress); on a server without the stream, the plain
 * RunBilling answers once at the end and `live` says so. A month that has not
 * ended can only be billed as a preview (drafts never finalized).
 */
export function useRunBilling() {
  const [progress, setProgress] = useState<BillingRun | undefined>();
  const [live, setLive] = useState(true);
  const action = useAction(async (period: Period) => {
    const request = {
      periodStart: timestampFromDate(period.start),
      periodEnd: timestampFromDate(period.end),
      preview: !hasEnded(period),
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
  });
  return { ...action, progress, live };
}
