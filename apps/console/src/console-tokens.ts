/** Nest injection tokens of the console server. */
export const CONSOLE_CONFIG = Symbol('ConsoleConfig');
