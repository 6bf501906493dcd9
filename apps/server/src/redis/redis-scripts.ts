import type { Redis } from 'ioredis';

/*
 * The Lua scripts: each is one round trip and atomic, which is what makes "no two
 * instances hand out the same event id" and "an answer is either recorded or still
 * pending, never both" hold without locks.
 */

/**
 * Delivers an inbound payload: refuses (-1) when the record is gone; keeps requests in
 * the pending hash until they are answered (so a new holder can run them again); keeps a
 * notification (ARGV[5] = '1') in the inbox when nobody listens; returns the number of
 * listeners.
 */
const DELIVER = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
local n = redis.call('PUBLISH', ARGV[1], ARGV[2])
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
 * always kept: a count cap alone let 256 events of 1 MB each stay in Redis.
 */
const EMIT = `
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
if ARGV[4] ~= '' then redis.call('HDEL', KEYS[3], ARGV[4]) end
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

/** The scripted commands, as ioredis defines them on a connection. */
export interface RedisScripts {
  mcpDeliver(
    record: string,
    pending: string,
    inbox: string,
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
  ): Promise<number>;
  mcpUpdate(record: string, ...fieldsAndValues: string[]): Promise<number>;
  mcpTouch(keyCount: number, ...keysThenArgs: Array<string | number>): Promise<number>;
}

/** Defines the scripts on a connection (EVALSHA, with ioredis falling back to EVAL). */
export function defineScripts(redis: Redis): Redis & RedisScripts {
  redis.defineCommand('mcpDeliver', { numberOfKeys: 3, lua: DELIVER });
  redis.defineCommand('mcpEmit', { numberOfKeys: 4, lua: EMIT });
  redis.defineCommand('mcpUpdate', { numberOfKeys: 1, lua: UPDATE });
  // The number of keys is passed on each call (it is the first argument).
  redis.defineCommand('mcpTouch', { lua: TOUCH });
  return redis as Redis & RedisScripts;
}
