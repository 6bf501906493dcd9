import { parseArgs } from 'node:util';

/** Where a benchmark server listens, read from `--port` and `--host`. */
export interface ServerArgs {
  port: number;
  host: string;
}

/**
 * Reads `--port` (default 0, a free port) and `--host` (default 127.0.0.1). Bad values end
 * the process with a usage message and exit code 2, as every CLI in this repo does.
 */
export function readServerArgs(name: string, argv = process.argv.slice(2)): ServerArgs {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
      },
      strict: true,
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port must be an integer 0..65535, got ${values.port}`);
    }
    return { port, host: values.host };
  } catch (error) {
    process.stderr.write(
      `${name}: ${(error as Error).message}\nusage: ${name} [--port 0] [--host 127.0.0.1]\n`,
    );
    process.exit(2);
  }
}

/** Prints the one line the harness waits for: `<name> listening on http://HOST:PORT/sse`. */
export function announce(name: string, host: string, port: number): void {
  process.stdout.write(`${name} listening on http://${host}:${port}/sse\n`);
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
