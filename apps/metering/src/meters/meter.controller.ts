import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Aggregation, CreateMeterRequest } from '@cascade/contracts';
import { FieldProblems, invalidArgument } from '@cascade/platform';
import { MeterService } from './meter.service';
import { MeterRow } from '../persistence/meter.entity';

const SERVICE = 'cascade.metering.v1.MeterService';

function aggregationFromProto(value: Aggregation): string {
  if (value === Aggregation.UNSPECIFIED || !Aggregation[value]) {
    throw invalidArgument(
      'aggregation',
      'must be SUM, COUNT, MAX, UNIQUE_COUNT, LATEST or TIME_WEIGHTED',
    );
  }
  return Aggregation[value];
}

function meterToProto(row: MeterRow) {
  return { ...row, aggregation: Aggregation[row.aggregation as keyof typeof Aggregation] };
}

@Controller()
export class MeterController {
  constructor(private readonly meters: MeterService) {}

  @MessagePattern(`${SERVICE}/CreateMeter`)
  async create(req: CreateMeterRequest) {
    const problems = new FieldProblems();
    const aggregation = problems.check(() => aggregationFromProto(req.aggregation)) ?? '';
    const meter = await this.meters.create(
      { code: req.code, name: req.name, unit: req.unit, aggregation, property: req.property },
      problems,
    );
    return meterToProto(meter);
  }

  @MessagePattern(`${SERVICE}/ListMeters`)
  async list() {
    return { meters: (await this.meters.list()).map(meterToProto) };
  }
}
