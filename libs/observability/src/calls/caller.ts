import { ContextValues, createContextKey } from '@connectrpc/connect';

/** Who made a call, as the call log names it: a key's ids, never a token. */
export interface CallerFields {
  caller: 'operator' | 'key' | 'service' | 'anonymous';
  key_id?: string;
  tenant_id?: string;
}

const CALLER = createContextKey<CallerFields>({ caller: 'anonymous' });

/** The transport notes the authenticated caller here once the guard has run. */
export function noteCaller(values: ContextValues, caller: CallerFields): void {
  values.set(CALLER, caller);
}

export function callerOf(values: ContextValues): CallerFields {
  return values.get(CALLER);
}
