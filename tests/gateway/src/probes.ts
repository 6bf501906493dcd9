import { type EventEmitter, once } from 'node:events';
import type { ChaosProxy } from '@mcp-sse/test-kit';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { HOST_ANSWERS, type Host } from './hosts/host-client.js';
import { WATCHED_URI } from './servers/our-server.js';

/** What the comparison checks, in table order. */
export const FEATURES = [
  'progress',
  'logging',
  'tools/list_changed',
  'resources/updated',
  'sampling -> host',
  'elicitation -> host',
  'roots -> host',
  'cancelled (host -> server)',
  'cancelled (server -> host)',
  'resume after a dropped stream',
] as const;

/** One of {@link FEATURES}. */
export type Feature = (typeof FEATURES)[number];

/** Per feature: passed through (true) or lost (false); absent when it could not be tried. */
export type Findings = Partial<Record<Feature, boolean>>;

/**
 * How long to wait for something that may never come (a notification a bridge drops): a
 * bound on the test, not a speed expectation; what arrives, arrives far sooner.
 */
const ABSENCE_WAIT_MS = 2500;
/** A call that did not get through (a request the bridge dropped) is given up after this. */
const CALL_TIMEOUT_MS = 15_000;
/**
 * The call across a cut: the resuming bridges finish it within a second or two of the cut,
 * so a call still open after this was lost with its stream.
 */
const RESUMED_CALL_TIMEOUT_MS = 10_000;

async function eventually(check: () => boolean, within = ABSENCE_WAIT_MS): Promise<boolean> {
  const until = Date.now() + within;
  while (!check()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

function textOf(result: unknown): string {
  const content = (result as CallToolResult).content ?? [];
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** Calls a tool; undefined when the call fails or errors (the feature did not get through). */
async function callText(
  host: Host,
  name: string,
  args: Record<string, unknown> = {},
  onprogress?: () => void,
  timeout = CALL_TIMEOUT_MS,
): Promise<string | undefined> {
  try {
    const result = await host.client.callTool({ name, arguments: args }, undefined, {
      timeout,
      ...(onprogress ? { onprogress } : {}),
    });
    return result.isError ? undefined : textOf(result);
  } catch {
    return undefined;
  }
}

/**
 * Runs every probe through one host (bridge) session, in an order where a bridge that
 * breaks on one probe cannot spoil the ones before it: the dropped stream comes last.
 */
export async function probeAll(
  host: Host,
  /** Emits `step` while the server runs `slow` (the moment to cut the network). */
  steps: EventEmitter,
  chaos: ChaosProxy,
  /** False when the host itself cannot resume (the SDK's HTTP+SSE client never reconnects). */
  tryResume = true,
): Promise<Findings> {
  const findings = {} as Findings;
  // Progress: the tool reports three steps; each must reach the host with its own token.
  await callText(host, 'slow', { steps: 3, pauseMs: 20 }, () => {});
  findings.progress = await eventually(
    () => host.notifications('notifications/progress').length >= 1,
  );
  const marker = `log-${Math.random().toString(36).slice(2)}`;
  await callText(host, 'log', { text: marker });
  findings.logging = await eventually(() =>
    host
      .notifications('notifications/message')
      .some((message) => JSON.stringify(message).includes(marker)),
  );
  // Our server announces resource updates to subscribers only; the SDK needs no subscription.
  await host.client.subscribeResource({ uri: WATCHED_URI }).catch(() => {});
  await callText(host, 'change');
  findings['tools/list_changed'] = await eventually(
    () => host.notifications('notifications/tools/list_changed').length > 0,
  );
  findings['resources/updated'] = await eventually(
    () => host.notifications('notifications/resources/updated').length > 0,
  );
  findings['sampling -> host'] =
    (await callText(host, 'sample'))?.includes(HOST_ANSWERS.sampling) === true;
  findings['elicitation -> host'] =
    (await callText(host, 'ask'))?.includes(HOST_ANSWERS.elicitation) === true;
  findings['roots -> host'] = (await callText(host, 'roots'))?.includes(HOST_ANSWERS.root) === true;
  // The host gives up on a call the server is running: the server must hear of it.
  const waiting = once(steps, 'waiting');
  const stop = new AbortController();
  const waited = host.client
    .callTool({ name: 'wait', arguments: {} }, undefined, { signal: stop.signal })
    .catch(() => undefined);
  const started = await Promise.race([waiting.then(() => true), waited.then(() => false)]);
  const cancelled = once(steps, 'cancelled');
  stop.abort('the user moved on');
  await waited;
  findings['cancelled (host -> server)'] =
    started &&
    (await Promise.race([
      cancelled.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ABSENCE_WAIT_MS)),
    ]));
  // The server gives up on an elicitation the host holds: the host must hear of it.
  await callText(host, 'ask_briefly');
  findings['cancelled (server -> host)'] = await eventually(() => host.serverCancelled() > 0);
  if (!tryResume) return findings;
  findings['resume after a dropped stream'] = await survivesCut(steps, chaos, (timeout) =>
    callText(host, 'slow', { steps: 8, pauseMs: 100 }, undefined, timeout),
  );
  return findings;
}

/**
 * Starts a long call (`slow`, 8 steps) with `call`, cuts every connection through the chaos
 * proxy once the server is running it, and tells whether the call still completed.
 */
export async function survivesCut(
  steps: EventEmitter,
  chaos: ChaosProxy,
  call: (timeout: number) => Promise<string | undefined>,
): Promise<boolean> {
  const running = once(steps, 'step');
  const answer = call(RESUMED_CALL_TIMEOUT_MS);
  const cut = await Promise.race([
    running.then(() => chaos.cutAll() >= 0),
    answer.then(() => false),
  ]);
  return cut && (await answer) === 'done after 8 steps';
}
