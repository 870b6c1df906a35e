/** Where the SDK reports parking, retries and torn spool tails; plug in the host's logger. */
export interface SdkLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const consoleLogger: SdkLogger = {
  info: (message) => console.log(`[cascade-plugin] ${message}`),
  warn: (message) => console.warn(`[cascade-plugin] ${message}`),
  error: (message) => console.error(`[cascade-plugin] ${message}`),
};
