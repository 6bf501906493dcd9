import { spawn } from 'node:child_process';
import { createPostAgent } from '../load/agents.js';
import { type LoopTiming, runClosedLoop } from '../load/closed-loop.js';
import { callEcho } from '../load/echo-call.js';
import { closeSessions, openSessions } from '../load/sessions.js';
import {
  builtScript,
  type LoadProtocol,
  SERVER_PROTOCOLS,
  type ServerKind,
} from '../servers/kinds.js';
import { launchServer } from '../servers/launch.js';

/** Time from GET to ready (initialize answered) for new sessions on a saturated server. */
export interface ReadyResult {
  /** Each probe's time in ms; failed probes are left out and counted in `failed`. */
  readyMs: number[];
  failed: number;
  medianMs: number;
  maxMs: number;
  /** The background load's calls/s while probing, for context. */
  loadCallsPerSec: number;
}

/** What the probe child prints. */
interface ProbeOutput {
  readyMs: number[];
  failed: number;
}

function runProbe(url: URL, count: number, protocol: LoadProtocol): Promise<ProbeOutput> {
  const script = builtScript('runners/ready-probe');
  if (script === undefined) return Promise.reject(new Error('ready-probe is not built'));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [script, '--url', url.href, '--count', String(count), '--protocol', protocol],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      try {
        resolve(JSON.parse(out) as ProbeOutput);
      } catch {
        reject(new Error(`ready-probe exited ${code} without a result: ${out.slice(0, 200)}`));
      }
    });
  });
}

/**
 * Saturates a fresh server with 50 x 4 closed-loop calls and, inside the window, opens
 * `probes` new sessions one after another from a separate process, so that the load
 * generator's own busy event loop does not count against the server.
 */
export async function runReady(
  kind: ServerKind,
  probes: number,
  timing: LoopTiming,
): Promise<ReadyResult> {
  const server = await launchServer(kind);
  const agent = createPostAgent(50 * 4 + 4);
  const opened = await openSessions(SERVER_PROTOCOLS[kind], server.url, agent, 50, 10, 30_000);
  try {
    let probe: Promise<ProbeOutput> | undefined;
    const loop = await runClosedLoop(
      opened.sessions,
      4,
      callEcho,
      // The window must outlast the probes: they are sequential and one may take seconds.
      { ...timing, windowMs: Math.max(timing.windowMs, probes * 1_000) },
      {
        onWindowStart: () => {
          probe = runProbe(server.url, probes, SERVER_PROTOCOLS[kind]);
          probe.catch(() => {});
        },
      },
    );
    const result = await probe!;
    const sorted = [...result.readyMs].sort((a, b) => a - b);
    return {
      readyMs: result.readyMs,
      failed: result.failed,
      medianMs: sorted.length === 0 ? Number.NaN : sorted[Math.floor((sorted.length - 1) / 2)]!,
      maxMs: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
      loadCallsPerSec: loop.callsPerSec,
    };
  } finally {
    closeSessions(opened.sessions);
    agent.destroy();
    await server.stop();
  }
}
