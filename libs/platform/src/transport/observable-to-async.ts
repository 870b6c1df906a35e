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

/** A handler may return an Observable, an async iterable or a plain value. */
export function toAsyncIterable<T>(value: unknown): AsyncIterable<T> {
  if (isObservable(value)) return observableToAsyncIterable(value as Observable<T>);
  if (value && typeof (value as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') {
    return value as AsyncIterable<T>;
  }
  throw new TypeError('a streaming handler must return an Observable or an AsyncIterable');
}
