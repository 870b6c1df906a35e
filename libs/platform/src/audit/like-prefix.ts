/** A LIKE pattern matching every string that starts with `prefix` (wildcards escaped). */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
