import { processIO } from './cli/io.js';
import { runCli } from './cli/run.js';

// First Ctrl-C: cancel politely (the call is cancelled on the server, exit 130).
// Second Ctrl-C: leave at once.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort(new Error('interrupted with Ctrl-C'));
});

// `mcp-sse tools | head` closes our stdout early: that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2), processIO(interrupt.signal));
process.exitCode = code;
// Everything is closed by now; this only guards against a stray handle keeping us alive.
setTimeout(() => process.exit(code), 2000).unref();
