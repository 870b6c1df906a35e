import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { QueryUsageRequest, RecordUsageRequest } from '@cascade/contracts';
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
  constructor(private readonly usage: UsageService) {}

  @MessagePattern(`${SERVICE}/RecordUsage`)
  async record(req: RecordUsageRequest) {
    return recordResultToProto(
      await this.usage.record(req.events.map(usageEventFromProto)),
      req.batchId,
    );
  }

  /** One acknowledgement per batch, in order, after the batch is durably stored. */
  @MessagePattern(`${SERVICE}/StreamUsage`)
  async *stream(requests: AsyncIterable<RecordUsageRequest>) {
    for await (const req of requests) {
      yield recordResultToProto(
        await this.usage.record(req.events.map(usageEventFromProto)),
        req.batchId,
      );
    }
  }

  @MessagePattern(`${SERVICE}/QueryUsage`)
  async query(req: QueryUsageRequest) {
    return usageAnswerToProto(await this.usage.query(usageQueryFromProto(req)));
  }
}
