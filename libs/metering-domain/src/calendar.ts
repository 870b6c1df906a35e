export type Granularity = 'HOUR' | 'DAY' | 'MONTH';

/** The start of the UTC calendar hour, day or month that contains the instant. */
export function truncate(instant: Date, granularity: Granularity): Date {
  const t = new Date(instant.getTime());
  switch (granularity) {
    case 'HOUR':
      t.setUTCMinutes(0, 0, 0);
      return t;
    case 'DAY':
      t.setUTCHours(0, 0, 0, 0);
      return t;
    case 'MONTH':
      t.setUTCDate(1);
      t.setUTCHours(0, 0, 0, 0);
      return t;
    default:
      return unknownGranularity(granularity);
  }
}

/**
 * The start of the next bucket. Steps in calendar fields rather than fixed
 * milliseconds because months differ in length.
 */
export function nextStart(bucketStart: Date, granularity: Granularity): Date {
  const t = new Date(bucketStart.getTime());
  switch (granularity) {
    case 'HOUR':
      t.setUTCHours(t.getUTCHours() + 1);
      return t;
    case 'DAY':
      t.setUTCDate(t.getUTCDate() + 1);
      return t;
    case 'MONTH':
      t.setUTCMonth(t.getUTCMonth() + 1);
      return t;
    default:
      return unknownGranularity(granularity);
  }
}

function unknownGranularity(granularity: never): never {
  throw new RangeError(`unknown granularity ${JSON.stringify(granularity)}`);
}
