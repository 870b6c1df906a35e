import type { ResourceChange, Translation } from '@cascade/plugin-sdk/domain';
import { openStackAdapter } from '../openstack-adapter';

/** A fixed receipt time: only messages without any time of their own may use it. */
export const RECEIVED = new Date('2030-01-01T00:00:00Z');

export function translate(body: string, receivedAt = RECEIVED): Translation {
  return openStackAdapter.translate(body, { receivedAt });
}

/** The single change a metered message yields; fails the test otherwise. */
export function onlyChange(translation: Translation): ResourceChange {
  if (translation.kind !== 'changes' || translation.changes.length !== 1)
    throw new Error(`expected exactly one change, got ${JSON.stringify(translation)}`);
  return translation.changes[0] as ResourceChange;
}
