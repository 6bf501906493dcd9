import { type ChildProcess, spawn } from 'node:child_process';
import type { CoreLogger } from '../core/logger.js';
import { LineSplitter } from './line-splitter.js';
import type { StdioCommand } from './parse-command.js';

/** How a child process ended. */
export interface ChildExit {
  /** Exit code, or null when a signal ended it. */
  code: number | null;
  /** The signal that ended it, if any. */
  signal: NodeJS.Signals | null;
  /** Why it could not start (`spawn` error, e.g. ENOENT), if that was the reason. */
  error?: string;
}

/** What {@link StdioChild} needs. */
export interface StdioChildOptions {
  command: StdioCommand;
  /** Working directory; default the server's. */
  cwd?: string | undefined;
  /** Environment; default the server's. */
  env?: NodeJS.ProcessEnv | undefined;
  /** Prefix of every stderr line in the log, e.g. `stdio[3]`. */
  label: string;
  logger: CoreLogger;
  /** A stdout line (one JSON-RPC message) longer than this is dropped and logged. */
  maxMessageBytes: number;
  /** Stderr lines are cut to this many characters in the log. */
  maxStderrLineChars: number;
  /** One JSON text per stdout line; called with the parsed value. */
  onMessage: (message: unknown) => void;
  /** Called once, when the process is gone (or never started). */
  onExit: (exit: ChildExit) => void;
}

/** Milliseconds between SIGTERM and SIGKILL when stopping a child that does not exit. */
const KILL_AFTER_MS = 3000;

/**
 * One stdio MCP server process: newline-delimited JSON-RPC on stdin/stdout (the stdio
 * transport's framing), stderr lines logged with a prefix. Knows nothing of MCP.
 */
export class StdioChild {
  readonly #o: StdioChildOptions;
  readonly #process: ChildProcess;
  #exited = false;

  constructor(options: StdioChildOptions) {
    this.#o = options;
    const { command, args } = options.command;
    // No shell: the words go to the program exactly as split.
    this.#process = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const child = this.#process;
    const log = options.logger;
    const stdout = new LineSplitter(
      options.maxMessageBytes,
      (line) => this.#line(line),
      (bytes) =>
        log.warn(
          { child: options.label, bytes, limit: options.maxMessageBytes },
          `${options.label}: stdout message longer than the limit dropped`,
        ),
    );
    const max = options.maxStderrLineChars;
    const stderr = new LineSplitter(
      // A stderr line is only logged: keep a little more than what is shown.
      max * 4,
      (line) => this.#stderr(line),
      (bytes, head) => this.#stderr(`${head}… (${bytes} bytes)`),
    );
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stdout?.on('end', () => stdout.end());
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stderr?.on('end', () => stderr.end());
    // A child that died leaves a broken pipe: its exit says why, the write error adds nothing.
    child.stdin?.on('error', () => {});
    child.on('error', (error) => this.#exit({ code: null, signal: null, error: error.message }));
    // 'close', not 'exit': stdout is read to its end first, so no last answer is lost.
    child.on('close', (code, signal) => this.#exit({ code, signal }));
  }

  /** The process id (undefined when it could not start). */
  get pid(): number | undefined {
    return this.#process.pid;
  }

  /** True once the process is gone. */
  get exited(): boolean {
    return this.#exited;
  }

  /** Writes one JSON-RPC message as one line. False when the child is gone. */
  send(json: string): boolean {
    const stdin = this.#process.stdin;
    if (this.#exited || stdin === null || stdin.destroyed || !stdin.writable) return false;
    stdin.write(`${json}\n`);
    return true;
  }

  /** Ends stdin and asks the process to stop; SIGKILL if it is still there a while later. */
  stop(): void {
    if (this.#exited) return;
    this.#process.stdin?.end();
    this.#process.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!this.#exited) this.#process.kill('SIGKILL');
    }, KILL_AFTER_MS);
    timer.unref();
  }

  #line(line: string): void {
    if (line.trim() === '') return;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      // Servers that print logs to stdout break the stdio transport: say so, skip the line.
      this.#o.logger.warn(
        { child: this.#o.label, line: line.slice(0, this.#o.maxStderrLineChars) },
        `${this.#o.label}: stdout line is not JSON (the stdio transport wants one JSON-RPC message per line; logs belong on stderr)`,
      );
      return;
    }
    this.#o.onMessage(message);
  }

  #stderr(line: string): void {
    const max = this.#o.maxStderrLineChars;
    const text = line.length > max ? `${line.slice(0, max)}… (+${line.length - max} chars)` : line;
    this.#o.logger.info({ child: this.#o.label, pid: this.pid }, `${this.#o.label}: ${text}`);
  }

  #exit(exit: ChildExit): void {
    if (this.#exited) return;
    this.#exited = true;
    this.#o.onExit(exit);
  }
}
