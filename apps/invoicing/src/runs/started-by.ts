import { actorOf, Principal } from '@cascade/platform';

/** Who a run is attributed to: the key id, "operator", or "service" for a service's own work. */
export function startedBy(principal: Principal): string {
  const actor = actorOf(principal);
  return actor.kind === 'key' ? actor.keyId : actor.kind;
}
