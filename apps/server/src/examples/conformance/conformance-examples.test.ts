import { describe, expect, it } from 'vitest';
import { coreHarness } from '../../features/test-harness.js';
import { conformanceExamples } from './conformance-examples.js';

/*
 * The conformance set through the core, in memory, with the answers the suite's scenarios
 * check (the suite itself runs against the bin in tests/conformance).
 */

const caps = { elicitation: {}, sampling: {}, roots: {} };
const metaCaps = (capabilities: Record<string, unknown>) => ({
  _meta: { 'io.modelcontextprotocol/clientCapabilities': capabilities },
});

describe('conformance examples on a 2025-11-25 session', () => {
  it('serves the content tools, resources, template and prompts', async () => {
    const h = coreHarness(conformanceExamples);
    h.initialize(caps);
    h.request(1, 'tools/call', { name: 'test_multiple_content_types', arguments: {} });
    expect((await h.answer(1)).result.content.map((c: { type: string }) => c.type)).toEqual([
      'text',
      'image',
      'resource',
    ]);
    h.request(2, 'tools/call', { name: 'test_error_handling', arguments: {} });
    expect((await h.answer(2)).result.isError).toBe(true);
    h.request(3, 'resources/read', { uri: 'test://template/123/data' });
    expect(JSON.parse((await h.answer(3)).result.contents[0].text)).toEqual({
      id: '123',
      templateTest: true,
      data: 'Data for ID: 123',
    });
    h.request(4, 'prompts/get', {
      name: 'test_prompt_with_arguments',
      arguments: { arg1: 'hello', arg2: 'world' },
    });
    expect((await h.answer(4)).result.messages[0].content.text).toBe(
      "Prompt with arguments: arg1='hello', arg2='world'",
    );
    h.request(5, 'completion/complete', {
      ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' },
      argument: { name: 'arg1', value: 'test' },
    });
    expect((await h.answer(5)).result.completion.values).toEqual(['test', 'testing']);
  });

  it('logs at the session level and reports progress', async () => {
    const h = coreHarness(conformanceExamples);
    h.initialize(caps);
    h.request(1, 'logging/setLevel', { level: 'debug' });
    h.request(2, 'tools/call', {
      name: 'test_tool_with_logging',
      arguments: {},
      _meta: { progressToken: 'p' },
    });
    await h.answer(2);
    expect(h.sent.filter((m) => m.method === 'notifications/message')).toHaveLength(3);
    h.request(3, 'logging/setLevel', { level: 'error' });
    h.request(4, 'tools/call', { name: 'test_tool_with_logging', arguments: {} });
    await h.answer(4);
    expect(h.sent.filter((m) => m.method === 'notifications/message')).toHaveLength(3);
    h.request(5, 'tools/call', {
      name: 'test_tool_with_progress',
      arguments: {},
      _meta: { progressToken: 7 },
    });
    await h.answer(5);
    const progress = h.sent.filter((m) => m.method === 'notifications/progress');
    expect(progress.map((m) => m.params.progress)).toEqual([0, 50, 100]);
    expect(progress.every((m) => m.params.progressToken === 7 && m.related === 5)).toBe(true);
  });

  it('asks the client in test_sampling and test_elicitation_sep1034_defaults', async () => {
    const h = coreHarness(conformanceExamples);
    h.initialize(caps);
    h.request(1, 'tools/call', { name: 'test_sampling', arguments: { prompt: 'Hi?' } });
    const sample = await h.serverRequest('sampling/createMessage');
    h.respond(sample.id, {
      role: 'assistant',
      content: { type: 'text', text: 'Hello' },
      model: 'm',
    });
    expect((await h.answer(1)).result.content[0].text).toBe('LLM response: Hello');
    h.request(2, 'tools/call', { name: 'test_elicitation_sep1034_defaults', arguments: {} });
    const elicit = await h.serverRequest('elicitation/create');
    expect(elicit.params.requestedSchema.properties.score.default).toBe(95.5);
    h.respond(elicit.id, { action: 'decline' });
    expect((await h.answer(2)).result.content[0].text).toBe(
      'Elicitation completed: action=decline, content={}',
    );
  });
});

describe('conformance examples on 2026-07-28 (multi round-trip)', () => {
  it('runs test_input_required_result_multi_round over three rounds', async () => {
    const h = coreHarness(conformanceExamples, '2026-07-28');
    const call = (id: number, extra: Record<string, unknown>) => {
      h.request(id, 'tools/call', {
        name: 'test_input_required_result_multi_round',
        arguments: {},
        ...metaCaps({ elicitation: {} }),
        ...extra,
      });
      return h.answer(id);
    };
    const r1 = (await call(1, {})).result;
    expect(Object.keys(r1.inputRequests)).toEqual(['step1']);
    const r2 = (
      await call(2, {
        requestState: r1.requestState,
        inputResponses: { step1: { action: 'accept', content: { name: 'Ada' } } },
      })
    ).result;
    expect(Object.keys(r2.inputRequests)).toEqual(['step2']);
    const r3 = (
      await call(3, {
        requestState: r2.requestState,
        inputResponses: { step2: { action: 'accept', content: { color: 'red' } } },
      })
    ).result;
    expect(r3.content[0].text).toBe('Multi-round complete for Ada who likes red');
  });

  it('asks only for what the client can answer', async () => {
    const h = coreHarness(conformanceExamples, '2026-07-28');
    h.request(1, 'tools/call', {
      name: 'test_input_required_result_capabilities',
      arguments: {},
      ...metaCaps({ sampling: {} }),
    });
    expect(Object.keys((await h.answer(1)).result.inputRequests)).toEqual(['sample_input']);
    h.request(2, 'tools/call', {
      name: 'test_input_required_result_capabilities',
      arguments: {},
      ...metaCaps({}),
    });
    expect((await h.answer(2)).result.content[0].text).toBe('No supported capabilities declared');
  });

  it('answers -32021 naming the capability a handler needed and the client lacked', async () => {
    const h = coreHarness(conformanceExamples, '2026-07-28');
    h.request(1, 'tools/call', { name: 'test_missing_capability', ...metaCaps({}) });
    expect((await h.answer(1)).error).toMatchObject({
      code: -32021,
      data: { requiredCapabilities: { sampling: {} } },
    });
    h.request(2, 'tools/list', {});
    const tools = (await h.answer(2)).result.tools;
    const raw = tools.find((t: { name: string }) => t.name === 'json_schema_2020_12_tool');
    expect(raw.inputSchema).toMatchObject({ $defs: { address: { $anchor: 'addressDef' } } });
    const header = tools.find((t: { name: string }) => t.name === 'test_header_param');
    expect(header.inputSchema.properties.region['x-mcp-header']).toBe('Region');
  });

  it('gets input for a prompt too', async () => {
    const h = coreHarness(conformanceExamples, '2026-07-28');
    h.request(1, 'prompts/get', {
      name: 'test_input_required_result_prompt',
      ...metaCaps({ elicitation: {} }),
    });
    const r1 = (await h.answer(1)).result;
    expect(r1.inputRequests.user_context.method).toBe('elicitation/create');
    h.request(2, 'prompts/get', {
      name: 'test_input_required_result_prompt',
      ...metaCaps({ elicitation: {} }),
      requestState: r1.requestState,
      inputResponses: { user_context: { action: 'accept', content: { context: 'tests' } } },
    });
    expect((await h.answer(2)).result.messages[0].content.text).toBe('Use this context: tests');
  });
});
