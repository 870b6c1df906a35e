import { migrate } from './migrate';

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });

/** An `up` that fails with the given errors, in order, then succeeds. */
function upFailing(...errors: Error[]) {
  let calls = 0;
  const up = async () => {
    calls += 1;
    const error = errors[calls - 1];
    if (error) throw error;
  };
  return { up, calls: () => calls };
}

describe('migrate', () => {
  test('runs again when a schema or table vanished during the listing', async () => {
    const run = upFailing(pgError('3F000'), pgError('42P01'));
    await migrate(run.up);
    expect(run.calls()).toBe(3);
  });

  test('gives up after five vanished listings, with the last error', async () => {
    const run = upFailing(...['1', '2', '3', '4', '5'].map(() => pgError('3F000')));
    await expect(migrate(run.up)).rejects.toThrow('pg 3F000');
    expect(run.calls()).toBe(5);
  });

  test('any other failure is thrown at once', async () => {
    const run = upFailing(pgError('42601'));
    await expect(migrate(run.up)).rejects.toThrow('pg 42601');
    expect(run.calls()).toBe(1);
  });
});
