import type { AuthStorage } from './auth-storage.js';
import { nodeBuiltin } from './node-builtin.js';

const FEATURE = 'FileAuthStorage';
const fs = () => nodeBuiltin('node:fs/promises', FEATURE);
const path = () => nodeBuiltin('node:path', FEATURE);

/**
 * The default file for stored credentials: `$XDG_CONFIG_HOME/mcp-sse/auth.json`, else
 * `~/.config/mcp-sse/auth.json`.
 */
export function defaultAuthFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME !== ''
      ? env.XDG_CONFIG_HOME
      : path().join(nodeBuiltin('node:os', FEATURE).homedir(), '.config');
  return path().join(base, 'mcp-sse', 'auth.json');
}

/**
 * Keeps credentials in one JSON file readable by its owner only (0600, directory 0700).
 * Writes go to a temporary file renamed over the old one, so a crash never leaves half a file.
 */
export class FileAuthStorage implements AuthStorage {
  /** The file used. */
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string = defaultAuthFilePath()) {
    this.path = path;
  }

  async #read(): Promise<Record<string, unknown>> {
    let text: string;
    try {
      text = await fs().readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      // A damaged file only costs a new login; it is replaced on the next write.
      return {};
    }
  }

  async #write(values: Record<string, unknown>): Promise<void> {
    await fs().mkdir(path().dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await fs().writeFile(tmp, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600 });
    await fs().chmod(tmp, 0o600);
    await fs().rename(tmp, this.path);
  }

  // Read-modify-write steps run one at a time so two updates cannot lose each other.
  #update(change: (values: Record<string, unknown>) => void): Promise<void> {
    const run = this.#queue.then(async () => {
      const values = await this.#read();
      change(values);
      await this.#write(values);
    });
    this.#queue = run.catch(() => {});
    return run;
  }

  async get(key: string): Promise<unknown> {
    return (await this.#read())[key];
  }

  set(key: string, value: unknown): Promise<void> {
    return this.#update((values) => {
      values[key] = value;
    });
  }

  delete(key: string): Promise<void> {
    return this.#update((values) => {
      delete values[key];
    });
  }

  async keys(): Promise<string[]> {
    return Object.keys(await this.#read());
  }
}
