// Lua scripts of the Redis store. Every key shares the `{prefix}` hash tag, so both scripts touch
// one slot of a Redis Cluster; the posting buckets, candidate articles and clusters are named
// inside the scripts from that prefix (index keys travel as one binary argument: hundreds of
// separate key arguments cost more to encode than the lookups themselves).
//
// Keys: {p}:d:<articleId> msgpack record (cluster, answer, sketch, size, lead keys, composite);
// {p}:x:<exactKey> newest article with that exact key; {p}:b:<bucket> posting lists of one
// period of the window (as long as the window, by the Redis server's clock): a hash whose field is the index
// key's 4 bytes and whose value is the article ids, each behind a 2-byte length (or a marker once
// more than postingCap articles hold the key);
// {p}:c:<clusterId> hash of the canonical's rank; {p}:g commit counter and {p}:log the index keys
// of the last LOG_SIZE commits, newest first. All but {p}:g and {p}:log expire after the window.
//
// Why buckets: one HMGET per bucket fetches the posting lists of every query key at once, where a
// list per index key cost one LRANGE per query key (a hundred calls per article); a bucket expires
// as a whole once its last entry left the window, so no field outlives it.
// Why a commit log: READ notes the counter; COMMIT checks only the commits made since (usually
// none, or the few in flight) for an index key among its query keys, where version stripes cost
// an HMGET of every query key's stripe in both scripts.

/** Arguments per article of COMMIT, after the three shared ones. */
export const COMMIT_ARGS = 15

const PRELUDE = `
local LOG_SIZE = 4096
local COMMIT_ARGS = ${COMMIT_ARGS}
local READ_STRIDE = ${1 + COMMIT_ARGS}
-- the value of a posting list that outgrew the cap (no id can be 0 bytes long)
local FULL = '\\0\\0'
-- An article record is one msgpack string: {cluster, kind, similarity, duplicateOf, agency,
-- sketch, size, leadKeys, composite}. One string costs a third of a hash with a binary field.
local function load_doc(key)
  local raw = redis.call('GET', key)
  if not raw then return nil end
  return cmsgpack.unpack(raw)
end
-- HMGET in chunks: unpack() of thousands of arguments would overflow Lua's C stack.
local function hmget_all(key, fields)
  local out = {}
  for from = 1, #fields, 1000 do
    local to = math.min(#fields, from + 999)
    local part = redis.call('HMGET', key, unpack(fields, from, to))
    for j = 1, #part do out[from + j - 1] = part[j] end
  end
  return out
end
-- The bucket of the server's clock now: one window wide.
local function bucket_now(ttl)
  local t = redis.call('TIME')
  return math.floor((tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)) / ttl)
end
-- The 4-byte index keys of a blob as strings: struct.unpack cuts up to 1000 per call (one C
-- call instead of a string.sub per key: a fifth of READ's time went to that loop).
local function split_keys(blob)
  local fields = {}
  for from = 1, #blob, 4000 do
    local n = math.floor((math.min(#blob, from + 3999) - from + 1) / 4)
    if n > 0 then
      local part = {struct.unpack(string.rep('c4', n), blob, from)}
      for j = 1, n do fields[#fields + 1] = part[j] end
    end
  end
  return fields
end
local function count_ids(list)
  local n, pos = 0, 1
  while pos <= #list do
    n = n + 1
    pos = pos + 2 + struct.unpack('>I2', list, pos)
  end
  return n
end
-- Applies one article's decision (see COMMIT_SCRIPT for the arguments, read through arg(i)).
local function commit_one(prefix, ttl, cap, bucket, docKey, exactKey, arg)
local id = arg(3)
local prev = load_doc(docKey)
if prev then return {1, {prev[1], prev[2], prev[3], prev[4], prev[5]}} end
local exact = redis.call('GET', exactKey) or ''
if exact ~= arg(1) then return {2} end
local seen = tonumber(arg(15))
local counter = tonumber(redis.call('GET', prefix .. ':g') or '0')
if counter ~= seen then
  -- Commits since READ: a conflict only if one of them indexed a key this article looked up.
  if counter - seen > LOG_SIZE then return {2} end
  local added = {}
  for _, keys in ipairs(redis.call('LRANGE', prefix .. ':log', 0, counter - seen - 1)) do
    for _, key in ipairs(split_keys(keys)) do added[key] = true end
  end
  for _, key in ipairs(split_keys(arg(13))) do
    if added[key] then return {2} end
  end
end
local cluster = id
if arg(2) ~= '' then
  local member = load_doc(prefix .. ':d:' .. arg(2))
  if not member then return {2} end
  cluster = member[1]
end
local ck = prefix .. ':c:' .. cluster
local ag = tonumber(arg(11))
local ts = tonumber(arg(12))
local size = tonumber(arg(8))
local canon = redis.call('HMGET', ck, 'id', 'ag', 'ts', 'n')
local better = not canon[1]
if not better then
  local cag, cts, cn = tonumber(canon[2]), tonumber(canon[3]), tonumber(canon[4])
  if ag ~= cag then better = ag > cag
  elseif ts ~= cts then better = ts < cts
  else better = size > cn end
end
local canonId = canon[1]
if better then
  redis.call('HSET', ck, 'id', id, 'ag', ag, 'ts', arg(12), 'n', size)
  canonId = id
end
redis.call('PEXPIRE', ck, ttl)
local dup = ''
if canonId ~= id then dup = canonId end
redis.call('SET', docKey,
  cmsgpack.pack({cluster, arg(4), arg(5), dup, arg(6), arg(7), size, arg(9), arg(10)}), 'PX', ttl)
redis.call('SET', exactKey, id, 'PX', ttl)
local entry = struct.pack('>I2', #id) .. id
local blob = arg(14)
-- Only keys whose posting list changed go to the log: a list already past the cap reads the same.
local changed = {}
for i = 1, #blob, 4 do
  local field = string.sub(blob, i, i + 3)
  local list = redis.call('HGET', bucket, field)
  if not list then
    redis.call('HSET', bucket, field, entry)
    changed[#changed + 1] = field
  elseif list ~= FULL then
    -- A list past the cap is boilerplate: it becomes a marker, so reads skip it without parsing.
    if count_ids(list) >= cap then redis.call('HSET', bucket, field, FULL)
    else redis.call('HSET', bucket, field, list .. entry) end
    changed[#changed + 1] = field
  end
end
redis.call('INCR', prefix .. ':g')
redis.call('LPUSH', prefix .. ':log', table.concat(changed))
redis.call('LTRIM', prefix .. ':log', 0, LOG_SIZE - 1)
-- The bucket lives until its newest entry leaves the window.
if #blob > 0 then redis.call('PEXPIRE', bucket, 2 * ttl) end
return {0, cluster, dup}
end
`

/** Arguments per article of READ, after the four shared ones: query keys, then COMMIT's. */
export const READ_STRIDE = 1 + COMMIT_ARGS

/**
 * READ of a batch of articles. KEYS: doc key and exact key of each article. ARGV: prefix,
 * maxCandidates, postingCap, ttlMs, then READ_STRIDE per article: its query keys (u32
 * little-endian) and COMMIT's arguments (all '' when the caller gives none). Returns one reply per
 * article: {1, previous answer} when it was already committed; {3, clusterId, duplicateOf, kind}
 * when the read settled the decision (an exact copy, or no candidate: 'unique') and committed it
 * at once, in this same atomic step, with the decision fields of the arguments replaced; else {0,
 * exactId|false, exactClusterId|false, commit counter, {{id, shared, cluster, sketch, size,
 * leadKeys, composite}...}}.
 */
export const READ_SCRIPT = `${PRELUDE}
local prefix = ARGV[1]
local maxC = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local now = bucket_now(ttl)
local bucket = prefix .. ':b:' .. now
local function read_one(docKey, exactKey, o)
local blob = ARGV[o + 1]
local prev = load_doc(docKey)
if prev then return {1, {prev[1], prev[2], prev[3], prev[4], prev[5]}} end
-- Per article: an earlier article of this batch may have been committed by this script.
local counter = redis.call('GET', prefix .. ':g') or '0'
local exact = redis.call('GET', exactKey)
local exactCluster = false
if exact then
  local twin = load_doc(prefix .. ':d:' .. exact)
  if twin then exactCluster = twin[1] end
end
local fields = split_keys(blob)
-- Posting lists of every query key across the live buckets (newest first), as id arrays.
local lists = {}
local full = {}
for b = now, now - 1, -1 do
  local found = hmget_all(prefix .. ':b:' .. b, fields)
  for i = 1, #fields do
    local v = found[i]
    if v then
      local ids = lists[i]
      if not ids then ids = {}; lists[i] = ids end
      local pos = 1
      if v == FULL then pos = #v + 1; full[i] = true end
      while pos <= #v and #ids <= cap do
        local len = struct.unpack('>I2', v, pos)
        ids[#ids + 1] = string.sub(v, pos + 2, pos + 1 + len)
        pos = pos + 2 + len
      end
    end
  end
end
local counts = {}
local order = {}
for i, ids in pairs(lists) do
  if #ids <= cap and not full[i] then
    for _, id in ipairs(ids) do
      if counts[id] then counts[id] = counts[id] + 1 else counts[id] = 1; order[#order + 1] = id end
    end
  end
end
table.sort(order, function(a, b)
  if counts[a] ~= counts[b] then return counts[a] > counts[b] end
  return a < b
end)
local out = {}
local from = 1
while #out < maxC and from <= #order do
  local to = math.min(#order, from + maxC - #out - 1)
  local keys = {}
  for i = from, to do keys[#keys + 1] = prefix .. ':d:' .. order[i] end
  local raws = redis.call('MGET', unpack(keys))
  for i = from, to do
    local raw = raws[i - from + 1]
    if raw then
      local d = cmsgpack.unpack(raw)
      out[#out + 1] = {order[i], counts[order[i]], d[1], d[6], d[7], d[8], d[9]}
    end
  end
  from = to + 1
end
-- The deduper's decision is known here (an exact copy joins its twin; no candidate is 'unique'):
-- commit it now, the state being exactly what this read saw.
if ARGV[o + 4] ~= '' and (exactCluster or #out == 0) then
  local kind = exactCluster and 'exact' or 'unique'
  local over = {[1] = exact or '', [2] = exactCluster and exact or '', [4] = kind,
    [5] = exactCluster and '1' or '0', [10] = '0', [15] = counter}
  local r = commit_one(prefix, ttl, cap, bucket, docKey, exactKey, function(i)
    local v = over[i]
    if v == nil then return ARGV[o + 1 + i] end
    return v
  end)
  if r[1] == 0 then return {3, r[2], r[3], kind} end
end
return {0, exact, exactCluster, counter, out}
end
local replies = {}
for a = 1, #KEYS / 2 do replies[a] = read_one(KEYS[2 * a - 1], KEYS[2 * a], 4 + (a - 1) * READ_STRIDE) end
return replies
`

/**
 * COMMIT of a batch of articles, in order. KEYS: doc key and exact key of each article. ARGV:
 * prefix, ttlMs, postingCap, then COMMIT_ARGS per article: expectedExact ('' for none), joinId (''
 * for a new cluster), articleId, kind, similarity, agency, sketch, size, leadKeys, composite,
 * agencyOriginal, ts, query keys (u32 LE), anchors (u32 LE), the commit counter READ saw. Returns
 * one reply per article: {1, previous answer} (already committed), {2} (conflict: a commit since
 * READ, an earlier one of the batch included, indexed one of its query keys, or the exact key
 * changed), or {0, clusterId, duplicateOf ('' for none)}.
 */
export const COMMIT_SCRIPT = `${PRELUDE}
local prefix = ARGV[1]
local ttl = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local bucket = prefix .. ':b:' .. bucket_now(ttl)
local replies = {}
for a = 1, #KEYS / 2 do
  local o = 3 + (a - 1) * COMMIT_ARGS
  replies[a] = commit_one(prefix, ttl, cap, bucket, KEYS[2 * a - 1], KEYS[2 * a], function(i) return ARGV[o + i] end)
end
return replies
`
