import type { ResourceChange, Translation } from '@cascade/plugin-sdk/domain';

export const malformed = (reason: string): Translation => ({ kind: 'malformed', reason });

/** A well-formed event that changes no gauge (acknowledged, nothing recorded). */
export const unmetered: Translation = { kind: 'changes', changes: [] };

export const changes = (...list: ResourceChange[]): Translation => ({
  kind: 'changes',
  changes: list,
});
