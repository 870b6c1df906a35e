import { Injectable } from '@nestjs/common';
import { alreadyExists, invalidArgument } from '@cascade/platform';
import { MeterRepository } from '../persistence/meter.repository';
import { MeterRow } from '../persistence/meter.entity';
import { requireText } from '../tenants/tenant-input';

const CODE = /^[a-z][a-z0-9_.-]{0,127}$/;

@Injectable()
export class MeterService {
  constructor(private readonly meters: MeterRepository) {}

  async create(meter: MeterRow): Promise<MeterRow> {
    if (!CODE.test(meter.code))
      throw invalidArgument(
        'code',
        'must be lower case letters, digits, ".", "_" or "-", starting with a letter',
      );
    const checked: MeterRow = {
      code: meter.code,
      name: requireText(meter.name || meter.code, 'name'),
      unit: requireText(meter.unit, 'unit', 64),
      aggregation: meter.aggregation,
      property: meter.property.trim(),
    };
    if (checked.property.length > 128)
      throw invalidArgument('property', 'must be at most 128 characters');
    if (checked.aggregation === 'UNIQUE_COUNT' && !checked.property) {
      throw invalidArgument('property', 'is required for UNIQUE_COUNT');
    }
    if (await this.meters.find(checked.code))
      throw alreadyExists(`code: meter ${JSON.stringify(checked.code)} already exists`);
    await this.meters.insert(checked);
    return checked;
  }

  list(): Promise<MeterRow[]> {
    return this.meters.list();
  }
}
