const OSLO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The times OpenStack writes: "2012-05-08 20:23:48.028195" (oslo's
 * timestamp, UTC without a zone), "2012-10-29T13:42:11Z", and
 * "2013-01-04T11:21:48.000000". No zone means UTC, as oslo.utils writes it.
 * Precision is cut to milliseconds, the most a Timestamp from a Date holds.
 */
export function parseOsloTime(text: string): Date | undefined {
  const m = OSLO_TIME.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const ms = Number((fraction ?? '').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const date = new Date(utc - zoneOffsetMs(zone));
  // Date.UTC rolls "02-30" over into March; a round trip catches impossible dates.
  const check = new Date(utc);
  if (check.getUTCDate() !== Number(d) || check.getUTCHours() !== Number(h)) return undefined;
  return date;
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}
