import { Injectable } from '@nestjs/common';
import { alreadyExists, FieldProblems } from '@cascade/platform';
import { MeterRepository } from '../persistence/meter.repository';
import { MeterRow } from '../persistence/meter.entity';
import { requireText } from '../tenants/tenant-input';

const MAX_CODE = 128;
const CODE = /^[a-z][a-z0-9_.-]*$/;

@Injectable()
export class MeterService {
  constructor(private readonly meters: MeterRepository) {}

  /**
   * Every invalid field is named at once, with the `problems` the request already
   * has (an aggregation that is none: empty here); a code already taken is ALREADY_EXISTS.
   */
  async create(meter: MeterRow, problems = new FieldProblems()): Promise<MeterRow> {
    if (meter.code.length > MAX_CODE)
      problems.add('code', `must be at most ${MAX_CODE} characters`);
    else if (!CODE.test(meter.code))
      problems.add(
        'code',
        'must be lower case letters, digits, ".", "_" or "-", starting with a letter',
      );
    const name = problems.check(() => requireText(meter.name || meter.code, 'name'));
    const unit = problems.check(() => requireText(meter.unit, 'unit', 64));
    const property = meter.property.trim();
    if (property.length > 128) problems.add('property', 'must be at most 128 characters');
    else if (meter.aggregation === 'UNIQUE_COUNT' && !property)
      problems.add('property', 'is required for UNIQUE_COUNT');
    else if (meter.aggregation && meter.aggregation !== 'UNIQUE_COUNT' && property)
      problems.add(
        'property',
        `only a UNIQUE_COUNT meter reads a property, not ${meter.aggregation}`,
      );
    problems.throwIfAny();
    const checked: MeterRow = {
      code: meter.code,
      name: name as string,
      unit: unit as string,
      aggregation: meter.aggregation,
      property,
    };
    if (await this.meters.find(checked.code))
      throw alreadyExists(`code: meter ${JSON.stringify(checked.code)} already exists`);
    await this.meters.insert(checked);
    return checked;
  }

  list(): Promise<MeterRow[]> {
    return this.meters.list();
  }
}
