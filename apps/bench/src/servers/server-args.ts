import { parseArgs } from 'node:util';

/** Where a benchmark server listens, read from `--port` and `--host`. */
export interface ServerArgs {
  port: number;
  host: string;
  /** The extra string options the script asked for, as given. */
  extra: Record<string, string | undefined>;
}

/**
 * Reads `--port` (default 0, a free port) and `--host` (default 127.0.0.1). Bad values end
 * the process with a usage message and exit code 2, as every CLI in this repo does.
 */
export function readServerArgs(
  name: string,
  argv = process.argv.slice(2),
  extraOptions: readonly string[] = [],
): ServerArgs {
  try {
    const options: Record<string, { type: 'string'; default?: string }> = {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
    };
    for (const option of extraOptions) options[option] = { type: 'string' };
    const { values } = parseArgs({ args: argv, options, strict: true });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port must be an integer 0..65535, got ${values.port}`);
    }
    const extra: Record<string, string | undefined> = {};
    for (const option of extraOptions) extra[option] = values[option] as string | undefined;
    return { port, host: values.host as string, extra };
  } catch (error) {
    process.stderr.write(
      `${name}: ${(error as Error).message}\nusage: ${name} [--port 0] [--host 127.0.0.1]${extraOptions.map((o) => ` [--${o} X]`).join('')}\n`,
    );
    process.exit(2);
  }
}

/** Prints the one line the harness waits for: `<name> listening on http://HOST:PORT/sse`. */
export function announce(name: string, host: string, port: number, path = '/sse'): void {
  process.stdout.write(`${name} listening on http://${host}:${port}${path}\n`);
}

/** A whole number option in `min..max`, or the usage exit (2) naming the option. */
export function intOption(
  name: string,
  option: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(`${name}: --${option} must be an integer ${min}..${max}, got ${text}\n`);
    process.exit(2);
  }
  return value;
}

/**
 * Closes the server on SIGTERM/SIGINT and then exits normally, so that `--cpu-prof` gets to
 * write its profile (a signal's default action would kill the process before that).
 */
export function exitOnSignal(close: () => Promise<unknown>): void {
  const stop = () => {
    const force = setTimeout(() => process.exit(0), 2_000);
    force.unref();
    close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
