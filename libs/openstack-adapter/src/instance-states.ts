import type { LifecycleAction } from '@cascade/plugin-sdk/domain';

/**
 * Nova vm_states in which the flavor's resources stay reserved on the host,
 * so they are billed: paused and suspended instances still hold their vCPUs,
 * memory and disk. (nova/compute/vm_states.py)
 */
const HOLDING = new Set(['active', 'paused', 'suspended', 'rescued', 'resized']);

/** vm_states in which nothing is reserved for the instance any more. */
const RELEASED = new Set(['stopped', 'shelved', 'shelved_offloaded', 'soft-delete', 'deleted']);

/**
 * The action an audit or update notification implies for an instance:
 * re-assert the flavor while it holds resources, zero when it released
 * them, nothing otherwise (building, error, ...). An instance that never
 * launched is not billed: usage starts at instance.create.end.
 */
export function actionForState(
  state: string | undefined,
  launched: boolean,
): LifecycleAction | undefined {
  if (state === undefined) return undefined;
  if (RELEASED.has(state)) return 'stop';
  if (HOLDING.has(state) && launched) return 'observe';
  return undefined;
}
