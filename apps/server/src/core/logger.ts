/** The slice of a pino-style logger the core uses; Fastify's logger fits as is. */
export interface CoreLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /**
   * Whether a level is logged (pino has it): lets a hot path skip building a line that would
   * be dropped. Without it every level counts as enabled.
   */
  isLevelEnabled?(level: string): boolean;
}

/** A logger that drops everything. */
export const silentLogger: CoreLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  isLevelEnabled: () => false,
};
