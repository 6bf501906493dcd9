import fc from 'fast-check';

/** The API key the fuzzed server accepts. */
export const FUZZ_KEY = 'fuzz-key-0001';

/**
 * Cases per property: `FUZZ_RUNS` when set (`pnpm fuzz` sets 100000), else 1000. A bad
 * value fails loudly rather than silently running the default.
 */
export function fuzzRuns(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FUZZ_RUNS;
  if (raw === undefined || raw === '') return 1000;
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1) {
    throw new Error(
      `FUZZ_RUNS must be a whole number from 1 to 9999999, got ${JSON.stringify(raw)}`,
    );
  }
  return Number(raw);
}

const METHODS = [
  'initialize',
  'notifications/initialized',
  'ping',
  'tools/list',
  'tools/call',
  'notifications/cancelled',
  'logging/setLevel',
] as const;
const TOOLS = ['echo', 'add', 'sleep', 'time', 'image'] as const;

/** A header value fetch and light-my-request accept: printable ASCII. */
export const headerValue = fc.stringMatching(/^[!-~][ -~]{0,78}[!-~]$|^[!-~]?$/);

/** Argument objects, mostly near what the example tools take. */
const toolArgs = fc.oneof(
  fc.record(
    {
      message: fc.oneof(fc.string({ maxLength: 30 }), fc.anything()),
      a: fc.oneof(fc.double(), fc.anything()),
      b: fc.oneof(fc.double(), fc.anything()),
      ms: fc.oneof(fc.integer({ min: -5, max: 300 }), fc.anything()),
      timeZone: fc.oneof(fc.constantFrom('UTC', 'Europe/Paris', 'Nowhere/Land'), fc.string()),
    },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

/** Anything shaped like JSON-RPC, mostly invalid: the parser's edge cases. */
const wildJsonRpc = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant('2.0'), fc.constant('1.0'), fc.anything()),
    id: fc.oneof(fc.integer(), fc.string({ maxLength: 12 }), fc.constant(null), fc.anything()),
    method: fc.oneof(fc.constantFrom(...METHODS), fc.string({ maxLength: 20 })),
    params: fc.oneof(
      fc.record(
        {
          name: fc.oneof(fc.constantFrom(...TOOLS), fc.string({ maxLength: 12 })),
          arguments: toolArgs,
          requestId: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.string({ maxLength: 5 })),
          level: fc.oneof(fc.constantFrom('debug', 'info', 'error'), fc.string()),
          cursor: fc.oneof(fc.string({ maxLength: 20 }), fc.anything()),
          protocolVersion: fc.oneof(fc.constantFrom('2025-11-25', '2024-11-05'), fc.string()),
          clientInfo: fc.oneof(
            fc.record({ name: fc.string(), version: fc.string() }),
            fc.anything(),
          ),
          capabilities: fc.anything(),
          _meta: fc.oneof(
            fc.record({ progressToken: fc.oneof(fc.integer(), fc.string()) }),
            fc.anything(),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    ),
    result: fc.anything(),
    error: fc.anything(),
  },
  { requiredKeys: [] },
);

/** Well-formed requests and notifications with odd params: the dispatcher's edge cases. */
const wellFormed = fc
  .record({
    jsonrpc: fc.constant('2.0'),
    id: fc.oneof(
      fc.integer({ min: 0, max: 1_000_000 }),
      fc.string({ minLength: 1, maxLength: 12 }),
    ),
    method: fc.constantFrom(...METHODS),
    params: fc.record(
      {
        name: fc.oneof(fc.constantFrom(...TOOLS), fc.string({ maxLength: 12 })),
        arguments: toolArgs,
        requestId: fc.integer({ min: 0, max: 50 }),
        level: fc.constantFrom('debug', 'info', 'error', 'loud'),
        protocolVersion: fc.constantFrom('2025-11-25', '2024-11-05', '1999-01-01'),
        clientInfo: fc.record({ name: fc.string(), version: fc.string() }),
        capabilities: fc.constant({}),
      },
      { requiredKeys: [] },
    ),
  })
  .map((message) =>
    message.method.startsWith('notifications/')
      ? { jsonrpc: message.jsonrpc, method: message.method, params: message.params }
      : message,
  );

/** JSON-RPC-shaped values, valid or nearly so: the parser's and dispatcher's edge cases. */
export const jsonRpcLike = fc.oneof(
  { weight: 3, arbitrary: wellFormed },
  { weight: 1, arbitrary: wildJsonRpc },
);

/** Simple-form bodies (`POST /sse`), valid or nearly so; `session` is the live session id. */
export const simpleLike = (session: string) =>
  fc.record(
    {
      session_id: fc.oneof(
        { weight: 6, arbitrary: fc.constant(session) },
        fc.uuid(),
        fc.string({ maxLength: 40 }),
        fc.anything(),
      ),
      tool: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...TOOLS) },
        fc.string({ maxLength: 12 }),
        fc.anything(),
      ),
      args: toolArgs,
    },
    { requiredKeys: ['session_id'] },
  );

/** A POST body: structured values as JSON, or text and bytes that may not be JSON at all. */
export const body = (structured: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 5, arbitrary: structured.map((value) => JSON.stringify(value) ?? 'null') },
    { weight: 2, arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)) },
    {
      weight: 1,
      arbitrary: structured.chain((value) => {
        const json = JSON.stringify(value) ?? '';
        return fc.nat({ max: json.length }).map((cut) => json.slice(0, cut)); // truncated JSON
      }),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
  );

/** Content types: the right one, its variants, wrong ones and junk; undefined sends none. */
export const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'Application/JSON',
      'application/json;charset=latin1',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      'text/event-stream',
    ),
  },
  { weight: 1, arbitrary: headerValue },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Request headers: auth right, wrong or missing; Origin; protocol version; junk extras. */
export const headers = fc
  .record(
    {
      auth: fc.oneof(
        { weight: 12, arbitrary: fc.constant<Record<string, string>>({ 'x-api-key': FUZZ_KEY }) },
        {
          weight: 2,
          arbitrary: fc.constant<Record<string, string>>({ authorization: `Bearer ${FUZZ_KEY}` }),
        },
        { weight: 1, arbitrary: headerValue.map((v) => ({ authorization: v })) },
        { weight: 1, arbitrary: headerValue.map((v) => ({ 'x-api-key': v })) },
        { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
      ),
      origin: fc.oneof(
        { weight: 12, arbitrary: fc.constant(undefined) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'http://127.0.0.1:3000',
            'http://localhost',
            'https://evil.test',
          ),
        },
        { weight: 1, arbitrary: headerValue },
      ),
      version: fc.oneof(
        fc.constant(undefined),
        fc.constantFrom('2025-11-25', '2024-11-05'),
        headerValue,
      ),
      extra: fc.dictionary(fc.stringMatching(/^x-[a-z0-9-]{1,16}$/), headerValue, { maxKeys: 3 }),
    },
    { requiredKeys: ['auth', 'origin', 'version', 'extra'] },
  )
  .map(({ auth, origin, version, extra }) => {
    const out: Record<string, string> = { ...extra, ...auth };
    if (origin !== undefined) out.origin = origin;
    if (version !== undefined) out['mcp-protocol-version'] = version;
    return out;
  });
