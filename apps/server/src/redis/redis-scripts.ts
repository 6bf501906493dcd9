import type { Redis } from 'ioredis';

/*
 * The Lua scripts: each is one round trip and atomic, which is what makes "no two
 * instances hand out the same event id" and "an answer is either recorded or still
 * pending, never both" hold without locks.
 */

/**
 * Delivers an inbound payload to a session's holder (either transport): refuses (-1) when
 * the record is gone; keeps a request (its field in ARGV[3]) in the pending hash until it is
 * answered, so that a new holder answers it; marks a request nobody heard as never run
 * (KEYS[4]), so that the instance taking the session over runs it even when its tool is not
 * idempotent; keeps a notification (ARGV[5] = '1') in the inbox when nobody listens;
 * returns the number of listeners. A request that is still pending word for word is a
 * client's re-send (its POST's 202 was lost): it is not run again, whoever holds the
 * session answers the first; only a probe is published, to count the listeners. Another
 * request with the id of a pending one is refused (-2): its answer could not be told apart.
 */
const DELIVER = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if ARGV[3] ~= '' then
  local kept = redis.call('HGET', KEYS[2], ARGV[3])
  if kept == ARGV[2] then return redis.call('PUBLISH', ARGV[1], 'p') end
  if kept then return -2 end
end
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
local n = redis.call('PUBLISH', ARGV[1], ARGV[2])
if n == 0 and ARGV[3] ~= '' then
  redis.call('SADD', KEYS[4], ARGV[3])
  redis.call('PEXPIRE', KEYS[4], ARGV[4])
end
if n == 0 and ARGV[3] == '' and ARGV[5] == '1' then
  redis.call('RPUSH', KEYS[3], ARGV[2])
  redis.call('LTRIM', KEYS[3], -1000, -1)
  redis.call('PEXPIRE', KEYS[3], ARGV[4])
end
return n
`;

/**
 * Emits an event: the next sequence number, the event kept in the stream under id
 * `<seq>-1`, the answered request dropped from pending, and the event published to the
 * instances streaming the session. Returns the sequence number. The stream is capped by
 * count (ARGV[5]) and by bytes (ARGV[7], counted in KEYS[4]), oldest first, the newest
 * always kept: a count cap alone let 256 events of 1 MB each stay in Redis. With ARGV[8] =
 * '1' the answer is only recorded while its request is pending, else nothing is and 0 is
 * returned: a request answered once (by an instance that died as its answer reached Redis,
 * and again by the one that took the session over) is never answered twice.
 */
const EMIT = `
if ARGV[4] ~= '' and redis.call('HDEL', KEYS[3], ARGV[4]) == 0 and ARGV[8] == '1' then
  return 0
end
local seq = redis.call('INCR', KEYS[1])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
redis.call('XADD', KEYS[2], seq .. '-1', 'n', ARGV[2], 'd', ARGV[3])
local bytes = redis.call('INCRBY', KEYS[4], #ARGV[2] + #ARGV[3])
local len = redis.call('XLEN', KEYS[2])
local maxLen = tonumber(ARGV[5])
local maxBytes = tonumber(ARGV[7])
while len > 1 and (len > maxLen or bytes > maxBytes) do
  local oldest = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)[1]
  local fields = oldest[2]
  bytes = redis.call('DECRBY', KEYS[4], #fields[2] + #fields[4])
  redis.call('XDEL', KEYS[2], oldest[1])
  len = len - 1
end
redis.call('PEXPIRE', KEYS[2], ARGV[6])
redis.call('PEXPIRE', KEYS[4], ARGV[6])
redis.call('PUBLISH', ARGV[1], 'e' .. seq .. '\\n' .. ARGV[2] .. '\\n' .. ARGV[3])
return seq
`;

/**
 * HSET on a record only while it exists: a late write must not bring a deleted session
 * back as a record without an owner. Returns 0 when the record is gone.
 */
const UPDATE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

/**
 * Marks a session active and refreshes the TTL of its keys, only while its record
 * exists: a touch that crosses a deletion must not resurrect the session.
 * KEYS: record, sessions index, then the session's other keys.
 */
const TOUCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'a', ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
for i = 3, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
return 1
`;

/**
 * Claims a Streamable HTTP stream for a POST's requests and hands them to the session's
 * holder, in one step: no request is ever claimed and not delivered (an instance dying
 * between the two would leave a re-send waiting forever). '-1' when the session is gone.
 * ARGV[3] is the field of a lone request: when it was seen before (the client sent it
 * again after a cut), returns 'r' and the stream that answers it, delivering nothing.
 * Otherwise hands out the next stream key, records it for every request (ARGV[5..]: field,
 * JSON pairs; the last ARGV[2] fields are kept), keeps each request pending as
 * `q<stream>:<count>\n<json>` and publishes it on ARGV[4]; returns the key, prefixed 'o'
 * when nobody heard (the requests are then marked as never run, for whoever takes over).
 * KEYS: record, stream counter, requests hash, requests order, pending hash, never-run set.
 */
const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 0 then return '-1' end
if ARGV[3] ~= '' then
  local existing = redis.call('HGET', KEYS[3], ARGV[3])
  if existing then return 'r' .. existing end
end
local k = redis.call('INCR', KEYS[2])
for i = 5, #ARGV, 2 do
  if redis.call('HSET', KEYS[3], ARGV[i], k) == 1 then redis.call('RPUSH', KEYS[4], ARGV[i]) end
end
local max = tonumber(ARGV[2])
while redis.call('LLEN', KEYS[4]) > max do
  redis.call('HDEL', KEYS[3], redis.call('LPOP', KEYS[4]))
end
local count = (#ARGV - 4) / 2
local heard = 1
for i = 5, #ARGV, 2 do
  local payload = 'q' .. k .. ':' .. count .. '\\n' .. ARGV[i + 1]
  redis.call('HSET', KEYS[5], ARGV[i], payload)
  if redis.call('PUBLISH', ARGV[4], payload) == 0 then
    heard = 0
    redis.call('SADD', KEYS[6], ARGV[i])
  end
end
for i = 2, 6 do redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
if heard == 0 then return 'o' .. k end
return tostring(k)
`;

/**
 * Refreshes (ARGV[2] = TTL in ms) or, without ARGV[2], deletes a key only while it still
 * holds ARGV[1]: a mark such as the live key of a standalone stream is only ever touched by
 * the response that set it, never by one that replaced it. Returns 1 when it did.
 */
const IF_MINE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return redis.call('DEL', KEYS[1])
`;

/** The scripted commands, as ioredis defines them on a connection. */
export interface RedisScripts {
  mcpDeliver(
    record: string,
    pending: string,
    inbox: string,
    notRun: string,
    channel: string,
    payload: string,
    pendingField: string,
    ttlMs: number,
    keepIfUnheard: '0' | '1',
  ): Promise<number>;
  mcpEmit(
    seq: string,
    events: string,
    pending: string,
    eventBytes: string,
    channel: string,
    name: string,
    data: string,
    answeredField: string,
    maxLen: number,
    ttlMs: number,
    maxBytes: number,
    onlyWhilePending: '0' | '1',
  ): Promise<number>;
  mcpClaim(
    record: string,
    streams: string,
    requests: string,
    requestOrder: string,
    pending: string,
    notRun: string,
    ttlMs: number,
    maxKept: number,
    resendField: string,
    channel: string,
    ...fieldsAndJson: string[]
  ): Promise<string>;
  mcpUpdate(record: string, ...fieldsAndValues: string[]): Promise<number>;
  /** See {@link IF_MINE}: with `ttlMs` a refresh, without it a deletion. */
  mcpIfMine(key: string, value: string, ttlMs?: number): Promise<number>;
  mcpTouch(keyCount: number, ...keysThenArgs: Array<string | number>): Promise<number>;
}

/** Defines the scripts on a connection (EVALSHA, with ioredis falling back to EVAL). */
export function defineScripts(redis: Redis): Redis & RedisScripts {
  redis.defineCommand('mcpDeliver', { numberOfKeys: 4, lua: DELIVER });
  redis.defineCommand('mcpEmit', { numberOfKeys: 4, lua: EMIT });
  redis.defineCommand('mcpClaim', { numberOfKeys: 6, lua: CLAIM });
  redis.defineCommand('mcpUpdate', { numberOfKeys: 1, lua: UPDATE });
  redis.defineCommand('mcpIfMine', { numberOfKeys: 1, lua: IF_MINE });
  // The number of keys is passed on each call (it is the first argument).
  redis.defineCommand('mcpTouch', { lua: TOUCH });
  return redis as Redis & RedisScripts;
}
