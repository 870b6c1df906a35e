/** Paths are stored as "/root/…/id/" so that a subtree is a prefix match. */
export function pathOf(ids: readonly string[]): string {
  return `/${ids.map((id) => `${id}/`).join('')}`;
}

export function idsOf(path: string): string[] {
  return path.split('/').filter((id) => id.length > 0);
}

/** Escapes LIKE wildcards; ids are service-chosen but external input never reaches a pattern raw. */
export function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function likeContaining(segment: string): string {
  return `%${likePrefix(segment)}`;
}
