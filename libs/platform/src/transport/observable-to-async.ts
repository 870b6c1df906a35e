import { isObservable, Observable } from 'rxjs';

/** Pulls an Observable as an async iterable, unsubscribing when the consumer stops. */
export async function* observableToAsyncIterable<T>(source: Observable<T>): AsyncGenerator<T> {
  const buffer: T[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const subscription = source.subscribe({
    next: (value) => {
      buffer.push(value);
      notify();
    },
    error: (error: unknown) => {
      failure = { error };
      notify();
    },
    complete: () => {
      done = true;
      notify();
    },
  });
  try {
    for (;;) {
      while (buffer.length > 0) yield buffer.shift() as T;
      if (failure) throw failure.error;
      if (done) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    subscription.unsubscribe();
  }
}

function isAsyncIterable<T>(value: unknown): value is AsyncIterable<T> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AsyncIterable<T>)[Symbol.asyncIterator] === 'function'
  );
}

/**
 * Nest hands an async generator handler's result through its interceptors as
 * an Observable of one value, the generator itself: such values are flattened.
 * No response message is ever an async iterable, so nothing else changes.
 */
async function* flattened<T>(source: AsyncIterable<unknown>): AsyncGenerator<T> {
  for await (const value of source) {
    if (isAsyncIterable<T>(value)) yield* value;
    else yield value as T;
  }
}

/** A handler may return an Observable, an async iterable or a plain value. */
export function toAsyncIterable<T>(value: unknown): AsyncIterable<T> {
  if (isObservable(value)) return flattened<T>(observableToAsyncIterable(value));
  if (isAsyncIterable<T>(value)) return value;
  throw new TypeError('a streaming handler must return an Observable or an AsyncIterable');
}
