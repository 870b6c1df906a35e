import { promises as fs } from 'node:fs';
import * as path from 'node:path';

const NAME = /^(\d{20})\.log$/;

/** Zero-padded so that a plain directory listing sorts in append order. */
export function segmentName(sequence: number): string {
  return `${String(sequence).padStart(20, '0')}.log`;
}

/** Segment sequence numbers present in the directory, oldest first. */
export async function listSegments(dir: string): Promise<number[]> {
  const names = await fs.readdir(dir);
  return names
    .map((name) => NAME.exec(name)?.[1])
    .filter((match): match is string => match !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * fsync of the directory: makes a created, renamed or deleted entry itself
 * durable. Without it a crash can lose a freshly fsynced file's name.
 */
export async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function segmentPath(dir: string, sequence: number): string {
  return path.join(dir, segmentName(sequence));
}
