import { EntitySchema } from '@mikro-orm/core';

export interface MeterRow {
  code: string;
  name: string;
  unit: string;
  aggregation: string;
  property: string;
}

export const MeterEntity = new EntitySchema<MeterRow>({
  name: 'MeterRow',
  tableName: 'meter',
  properties: {
    code: { type: 'string', primary: true },
    name: { type: 'string' },
    unit: { type: 'string' },
    aggregation: { type: 'string' },
    property: { type: 'string' },
  },
});
