import { Controller, OnModuleDestroy } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  GetBillingRunRequest,
  RunBillingRequest,
  WatchBillingRunsRequest,
} from '@cascade/contracts';
import { ConnectRpcContext, notFound, optionalInstant, requirePrincipal } from '@cascade/platform';
import { BillingRunService } from '../billing/billing-run.service';
import { requestedBillingWindow } from '../billing/billing-window-rule';
import { BillingRunRow } from '../persistence/billing-run.entity';
import { BillingRunRepository } from '../persistence/billing-run.repository';
import { requireText } from '../invoices/invoice-input';
import { billingRunToProto } from './billing-run.mapper';
import { followRun, followRuns } from './run-follower';
import { startedBy } from './started-by';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Billing runs as streams: a run started here, or one started anywhere, as it goes. */
@Controller()
export class BillingProgressController implements OnModuleDestroy {
  private readonly stopping = new AbortController();

  constructor(
    private readonly billing: BillingRunService,
    private readonly runs: BillingRunRepository,
  ) {}

  /**
   * RunBilling, streaming the run's row after every chunk; the last message is the
   * finished run. A failed run ends the stream with RunBilling's error. The run goes
   * on if the client goes away (as RunBilling's does): only the stream stops.
   */
  @MessagePattern(`${SERVICE}/RunBillingWithProgress`)
  async *runWithProgress(@Payload() req: RunBillingRequest, @Ctx() ctx: ConnectRpcContext) {
    const window = requestedBillingWindow(req);
    let started: (run: BillingRunRow) => void = () => undefined;
    const start = new Promise<BillingRunRow>((resolve) => (started = resolve));
    const outcome = this.billing.run(
      window,
      { preview: req.preview, startedBy: startedBy(requirePrincipal()) },
      started,
    );
    const settled = outcome.then(
      () => undefined,
      () => undefined,
    );
    // A request refused before the run exists fails here, with RunBilling's error.
    const run = await Promise.race([start, outcome.then((o) => o.run)]);
    for await (const row of followRun(this.runs, run.id, ctx.call.signal, settled)) {
      if (row.status !== 'RUNNING') break;
      yield billingRunToProto(row);
    }
    const finished = await outcome;
    yield billingRunToProto(finished.run);
  }

  /** Ends open watches of every run on shutdown: they never end on their own. */
  onModuleDestroy(): void {
    this.stopping.abort();
  }

  /** Follows a run until it is no longer RUNNING; the last message is the finished run. */
  @MessagePattern(`${SERVICE}/WatchBillingRun`)
  async *watch(@Payload() req: GetBillingRunRequest, @Ctx() ctx: ConnectRpcContext) {
    const id = requireText(req.id, 'id');
    if (!(await this.runs.get(id))) throw notFound('billing run', id);
    for await (const row of followRun(this.runs, id, ctx.call.signal)) yield billingRunToProto(row);
  }

  /** Every run changed since `since` (or from now), then as each starts and changes, until the client goes away. */
  @MessagePattern(`${SERVICE}/WatchBillingRuns`)
  async *watchAll(@Payload() req: WatchBillingRunsRequest, @Ctx() ctx: ConnectRpcContext) {
    const since = optionalInstant(req.since, 'since') ?? new Date();
    const stop = AbortSignal.any([ctx.call.signal, this.stopping.signal]);
    for await (const row of followRuns(this.runs, since, stop)) yield billingRunToProto(row);
  }
}
