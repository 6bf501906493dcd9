import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { encodeSseEvent, type SseEvent } from '@mcp-sse/protocol';
import {
  compareFixtureData,
  type Fixture,
  type FixtureEventStep,
  fillFixturePlaceholders,
  normalizeFixtureData,
} from '@mcp-sse/protocol/fixtures';
import { listenLoopback, type RunningPeer } from '../../peers/listen.js';
import { learn, translate, withoutExtraMeta } from './fixture-ids.js';

const SESSION_ID = 'fixture-session';
// A bound, not a pace: the player waits for the client's next POST until the client hangs
// up its stream (its operation is over), so a slow machine only makes it wait longer.
const POST_WAIT_MS = 60_000;

interface Post {
  body: unknown;
  res: ServerResponse;
}

/** A server that plays a fixture's server side to whichever client connects. */
export interface FixturePlayer extends RunningPeer {
  /** What the client sent that differs from the recording. */
  problems: string[];
}

/** Reads a request body as JSON (the text itself when it is not JSON). */
export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(text));
      } catch {
        resolve(text);
      }
    });
  });
}

/**
 * Starts a loopback server that replays `fixture`'s server side: on GET it sends the
 * recorded events in order, and at each recorded POST it waits for the client's POST,
 * compares it with the recording (ids and tokens aside, extra `_meta` tolerated), answers
 * with the recorded status and goes on. When the client stops POSTing (its operation is
 * done), the script stops too.
 */
export async function startFixturePlayer(fixture: Fixture): Promise<FixturePlayer> {
  const problems: string[] = [];
  const posts: Post[] = [];
  let wakePost: (() => void) | undefined;
  const nextPost = async (streamOpen: () => boolean): Promise<Post | undefined> => {
    const deadline = Date.now() + POST_WAIT_MS;
    while (posts.length === 0 && streamOpen() && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        wakePost = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return posts.shift();
  };

  const play = async (res: ServerResponse) => {
    const ids = new Map<unknown, unknown>();
    const tokens = new Map<unknown, unknown>();
    let open = true;
    res.once('close', () => {
      open = false;
      wakePost?.();
    });
    const send = (step: FixtureEventStep) => {
      const data =
        step.event === 'endpoint' || step.event === 'message' || step.event === 'tools'
          ? translate(fillFixturePlaceholders(step.data, { sessionId: SESSION_ID }), ids, tokens)
          : step.data;
      res.write(encodeSseEvent({ event: step.event, data } as SseEvent));
    };
    for (const step of fixture.steps.slice(1)) {
      if (step.type === 'event') {
        send(step);
        continue;
      }
      if (step.type !== 'post' || step.to !== 'endpoint') continue;
      const post = await nextPost(() => open);
      if (!post) return;
      learn(step.body, post.body, ids, tokens);
      const options = { ids: true };
      const expected = normalizeFixtureData('message', step.body, options);
      const actual = normalizeFixtureData(
        'message',
        withoutExtraMeta(step.body, post.body),
        options,
      );
      for (const problem of compareFixtureData(expected, actual))
        problems.push(`client POST: ${problem}`);
      post.res.writeHead(step.status, { 'content-type': 'text/plain' }).end('Accepted');
    }
  };

  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const open = fixture.steps[0];
    if (req.method === 'GET' && open?.type === 'open' && url.pathname === open.path) {
      res.writeHead(open.status, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
      });
      play(res).catch((error: Error) => problems.push(`player: ${error.message}`));
      return;
    }
    if (req.method === 'POST' && url.searchParams.get('sessionId') === SESSION_ID) {
      void readJson(req).then((body) => {
        posts.push({ body, res });
        wakePost?.();
      });
      return;
    }
    problems.push(`unexpected ${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  const peer = await listenLoopback(
    http,
    fixture.steps[0]?.type === 'open' ? fixture.steps[0].path : '/sse',
  );
  return { ...peer, problems };
}
