/**
 * Where the client writes diagnostics: `console` fits, as does pino or any object with
 * these methods. Every method is optional.
 */
export interface Logger {
  debug?(message: string, ...details: unknown[]): void;
  info?(message: string, ...details: unknown[]): void;
  warn?(message: string, ...details: unknown[]): void;
  error?(message: string, ...details: unknown[]): void;
}

/** A logger that drops everything: the default, so a library never writes on its own. */
export const silentLogger: Logger = {};
