import { copyPayload, copyText } from './bulk-insert';

describe('COPY text format', () => {
  test('plain values pass through', () => {
    expect(copyText('ev-1')).toBe('ev-1');
    expect(copyText(1700000000000)).toBe('1700000000000');
  });

  test('backslash, tab, newline and carriage return are escaped', () => {
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyText(JSON.stringify({ note: 'line\nbreak' }))).toBe('{"note":"line\\\\nbreak"}');
  });

  test('a row per line, columns by tab', () => {
    expect(copyPayload([['s', 'e\t1', 't', '/t/', 'm', '1.5', 7, 'r', '{}', 9]])).toBe(
      's\te\\t1\tt\t/t/\tm\t1.5\t7\tr\t{}\t9\n',
    );
  });
});
