import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openSession, start, type TestStream } from '../../test/helpers.js';
import { missableBroadcast } from '../../test/missable-broadcast.js';
import { defineTool } from '../tools/define-tool.js';
import { MemoryBroadcastHub } from './memory-broadcast.js';

const extra = defineTool({
  name: 'extra',
  description: 'x',
  input: z.object({}),
  handler: () => 'x',
});

/** The names in each `tools` event of a stream so far. */
function toolsEvents(stream: TestStream): string[][] {
  return stream.items.flatMap((item) =>
    item.type === 'event' && item.event.event === 'tools'
      ? [(item.event.data as Array<{ name: string }>).map((tool) => tool.name)]
      : [],
  );
}

/*
 * An HTTP+SSE client of the simple form (no JSON-RPC: `tools` events, `{tool, args}` POSTs)
 * learns of a tools change only from a `tools` event: it must get one for a change made on
 * another instance too, with the list of the instance that serves its calls.
 */
describe('the HTTP+SSE `tools` event for changes from elsewhere', () => {
  it('a session on B gets B’s list when A’s tools change, once; A’s session once too', async () => {
    const hub = new MemoryBroadcastHub();
    const a = await start({ broadcast: hub.join() });
    const b = await start({ broadcast: hub.join() });
    const onA = (await openSession(a.base)).stream;
    const onB = (await openSession(b.base)).stream;
    await onA.event('tools');
    await onB.event('tools');
    const listOfB = toolsEvents(onB)[0]!;
    a.app.mcp.addTool(extra);
    await onB.event('tools');
    expect(toolsEvents(onB)[1]).toEqual(listOfB);
    // A change on B closes the sequence: a duplicate of A's would come before it.
    b.app.mcp.removeTool('echo');
    await onB.event('tools');
    await onA.event('tools');
    await onA.event('tools');
    expect(toolsEvents(onB)).toEqual([listOfB, listOfB, listOfB.filter((name) => name !== 'echo')]);
    expect(toolsEvents(onA)).toEqual([listOfB, [...listOfB, 'extra'], [...listOfB, 'extra']]);
  });

  it('after the broadcast was cut, every session gets the list again', async () => {
    const { broadcast, miss } = missableBroadcast();
    const { base } = await start({ broadcast });
    const { stream } = await openSession(base);
    await stream.event('tools');
    miss();
    await stream.event('tools');
    expect(toolsEvents(stream)).toHaveLength(2);
    expect(toolsEvents(stream)[1]).toEqual(toolsEvents(stream)[0]);
  });
});
