import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  ListEdgeUsageRequest,
  QueryUsageRequest,
  RecordUsageRequest,
  SummarizeTreeRequest,
} from '@cascade/contracts';
import { formatDecimal } from '@cascade/money';
import {
  FieldProblems,
  requireAfter,
  requiredInstant,
  requirePrincipal,
  scopePath,
} from '@cascade/platform';
import { IngestBatch } from '../metrics/usage-metrics';
import { EdgeUsageService } from './edge-usage.service';
import { TreeSummaryService } from './tree-summary.service';
import { treeSummaryQueryFromProto, treeSummaryToProto } from './tree-summary.mapper';
import { requireBatch } from './usage-input';
import { COMMITS_IN_FLIGHT, overlappedBatches } from './overlapped-batches';
import { UsageService } from './usage.service';
import {
  recordResultToProto,
  usageAnswerToProto,
  usageEventFromProto,
  usageQueryFromProto,
} from './usage.mapper';

const SERVICE = 'cascade.metering.v1.UsageService';

@Controller()
export class UsageController {
  constructor(
    private readonly usage: UsageService,
    private readonly edges: EdgeUsageService,
    private readonly trees: TreeSummaryService,
  ) {}

  @MessagePattern(`${SERVICE}/RecordUsage`)
  async record(req: RecordUsageRequest) {
    const batchId = requireBatch(req.batchId, req.events.length);
    const result = await new IngestBatch('RecordUsage').run(() =>
      this.usage.record(req.events.map(usageEventFromProto), scopePath(requirePrincipal())),
    );
    return recordResultToProto(result, batchId);
  }

  /**
   * One acknowledgement per batch, in order, as soon as the batch is durably
   * stored: a client may wait for each ack before sending more. While one
   * batch commits the next writes and the one after is decoded and checked;
   * commits land in the stream's order and none after a failure.
   */
  @MessagePattern(`${SERVICE}/StreamUsage`)
  async *stream(requests: AsyncIterable<RecordUsageRequest>) {
    const scope = scopePath(requirePrincipal());
    const order = this.usage.streamOrder();
    yield* overlappedBatches(
      requests,
      async (req) => {
        const observed = new IngestBatch('StreamUsage');
        try {
          return {
            observed,
            batchId: requireBatch(req.batchId, req.events.length),
            batch: await this.usage.prepare(req.events.map(usageEventFromProto), scope),
          };
        } catch (error) {
          observed.abandon();
          throw error;
        }
      },
      ({ observed, batchId, batch }) => {
        const turn = order.next();
        return observed
          .run(() => this.usage.store(batch, turn))
          .then((result) => recordResultToProto(result, batchId));
      },
      COMMITS_IN_FLIGHT,
    );
  }

  @MessagePattern(`${SERVICE}/ListEdgeUsage`)
  async edgeUsage(req: ListEdgeUsageRequest) {
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    if (!req.meterCode) problems.add('meter_code', 'is required');
    const from = field(() => requiredInstant(req.from, 'from'));
    const to = field(() => requiredInstant(req.to, 'to'));
    problems.check(() => requireAfter(from, to, ['from', 'to']));
    problems.throwIfAny();
    const result = await this.edges.list(req.meterCode, from, to);
    return {
      unit: result.unit,
      edges: result.edges.map((e) => ({ ...e, quantity: formatDecimal(e.quantity) })),
    };
  }

  @MessagePattern(`${SERVICE}/QueryUsage`)
  async query(req: QueryUsageRequest) {
    return usageAnswerToProto(await this.usage.query(usageQueryFromProto(req)));
  }

  @MessagePattern(`${SERVICE}/SummarizeTree`)
  async summarizeTree(req: SummarizeTreeRequest) {
    return treeSummaryToProto(await this.trees.summarize(treeSummaryQueryFromProto(req)));
  }
}
