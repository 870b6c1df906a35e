import { promises as fs } from 'node:fs';

export interface LinesRead {
  lines: string[];
  /** Byte offset just after the last whole line returned. */
  next: number;
  /** Bytes after `next` up to `end` that hold no complete line (a torn tail). */
  tornBytes: number;
}

const FIRST_CHUNK = 1 << 20;

/**
 * Whole lines from [offset, end) of a file, at most `max`. Only bytes before a
 * newline count: a crash mid-append leaves a tail without one, and that tail
 * was never reported durable, so it is skipped rather than parsed.
 */
export async function readLines(
  file: string,
  offset: number,
  end: number,
  max: number,
): Promise<LinesRead> {
  const handle = await fs.open(file, 'r');
  try {
    for (let chunk = FIRST_CHUNK; ; chunk *= 2) {
      const length = Math.min(chunk, end - offset);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      const lines: string[] = [];
      let consumed = 0;
      while (lines.length < max) {
        const newline = buffer.indexOf(10, consumed);
        if (newline < 0 || newline >= bytesRead) break;
        lines.push(buffer.toString('utf8', consumed, newline));
        consumed = newline + 1;
      }
      const reachedEnd = length === end - offset;
      // A line longer than the chunk: read a bigger chunk instead of splitting it.
      if (lines.length > 0 || reachedEnd) {
        const torn = lines.length < max && reachedEnd ? bytesRead - consumed : 0;
        return { lines, next: offset + consumed, tornBytes: torn };
      }
    }
  } finally {
    await handle.close();
  }
}
