// Lua scripts of the Redis store. Every key shares the `{prefix}` hash tag, so both scripts touch
// one slot of a Redis Cluster; the posting-list keys, candidate articles and clusters are named
// inside the scripts from that prefix (index keys travel as one binary argument: hundreds of
// separate key arguments cost more to encode than the lookups themselves).
//
// Keys: {p}:d:<articleId> msgpack record (cluster, answer, sketch, size, lead keys, composite);
// {p}:x:<exactKey> newest article with that exact key; {p}:a:<indexKey> posting list of article
// ids; {p}:c:<clusterId> hash of the canonical's rank; {p}:v hash of 65536 version stripes, bumped
// when a posting list of that stripe grows. All but {p}:v expire after the window.

const PRELUDE = `
-- An article record is one msgpack string: {cluster, kind, similarity, duplicateOf, agency,
-- sketch, size, leadKeys, composite}. One string costs a third of a hash with a binary field.
local function load_doc(key)
  local raw = redis.call('GET', key)
  if not raw then return nil end
  return cmsgpack.unpack(raw)
end
local function stripes_of(blob)
  local out = {}
  for i = 1, #blob, 4 do out[#out + 1] = struct.unpack('<I4', blob, i) % 65536 end
  return out
end
local function version_sum(prefix, stripes)
  if #stripes == 0 then return 0 end
  local sum = 0
  for _, v in ipairs(redis.call('HMGET', prefix .. ':v', unpack(stripes))) do sum = sum + (tonumber(v) or 0) end
  return sum
end
`

/**
 * READ. KEYS: doc key of the article, exact key. ARGV: prefix, maxCandidates, postingCap, query
 * keys (u32 little-endian). Returns {1, previous answer} when the article was already committed,
 * else {0, exactId|false, exactClusterId|false, versionSum,
 * {{id, shared, cluster, sketch, size, leadKeys, composite}...}}.
 */
export const READ_SCRIPT = `${PRELUDE}
local prefix = ARGV[1]
local maxC = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local prev = load_doc(KEYS[1])
if prev then return {1, {prev[1], prev[2], prev[3], prev[4], prev[5]}} end
local exact = redis.call('GET', KEYS[2])
local exactCluster = false
if exact then
  local twin = load_doc(prefix .. ':d:' .. exact)
  if twin then exactCluster = twin[1] end
end
local counts = {}
local order = {}
for i = 1, #ARGV[4], 4 do
  local ids = redis.call('LRANGE', prefix .. ':a:' .. struct.unpack('<I4', ARGV[4], i), 0, cap)
  if #ids <= cap then
    for _, id in ipairs(ids) do
      if counts[id] then counts[id] = counts[id] + 1 else counts[id] = 1; order[#order + 1] = id end
    end
  end
end
local version = version_sum(prefix, stripes_of(ARGV[4]))
table.sort(order, function(a, b)
  if counts[a] ~= counts[b] then return counts[a] > counts[b] end
  return a < b
end)
local out = {}
for i = 1, #order do
  if #out >= maxC then break end
  local id = order[i]
  local d = load_doc(prefix .. ':d:' .. id)
  if d then out[#out + 1] = {id, counts[id], d[1], d[6], d[7], d[8], d[9]} end
end
return {0, exact, exactCluster, tostring(version), out}
`

/**
 * COMMIT. KEYS: doc key, exact key. ARGV: prefix, ttlMs, postingCap, expectedExact ('' for none),
 * joinId ('' for a new cluster), articleId, kind, similarity, agency, sketch, size, leadKeys,
 * composite, agencyOriginal, ts, query keys (u32 LE), anchors (u32 LE), the version sum READ saw.
 * Returns {1, previous answer} (already committed), {2} (conflict: a posting list of the query
 * keys grew, or the exact key changed, since READ), or {0, clusterId, duplicateOf ('' for none)}.
 */
export const COMMIT_SCRIPT = `${PRELUDE}
local prefix = ARGV[1]
local ttl = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local id = ARGV[6]
local prev = load_doc(KEYS[1])
if prev then return {1, {prev[1], prev[2], prev[3], prev[4], prev[5]}} end
local exact = redis.call('GET', KEYS[2]) or ''
if exact ~= ARGV[4] then return {2} end
if tostring(version_sum(prefix, stripes_of(ARGV[16]))) ~= ARGV[18] then return {2} end
local cluster = id
if ARGV[5] ~= '' then
  local member = load_doc(prefix .. ':d:' .. ARGV[5])
  if not member then return {2} end
  cluster = member[1]
end
local ck = prefix .. ':c:' .. cluster
local ag = tonumber(ARGV[14])
local ts = tonumber(ARGV[15])
local size = tonumber(ARGV[11])
local canon = redis.call('HMGET', ck, 'id', 'ag', 'ts', 'n')
local better = not canon[1]
if not better then
  local cag, cts, cn = tonumber(canon[2]), tonumber(canon[3]), tonumber(canon[4])
  if ag ~= cag then better = ag > cag
  elseif ts ~= cts then better = ts < cts
  else better = size > cn end
end
if better then redis.call('HSET', ck, 'id', id, 'ag', ag, 'ts', ARGV[15], 'n', size) end
redis.call('PEXPIRE', ck, ttl)
local canonId = redis.call('HGET', ck, 'id')
local dup = ''
if canonId ~= id then dup = canonId end
redis.call('SET', KEYS[1],
  cmsgpack.pack({cluster, ARGV[7], ARGV[8], dup, ARGV[9], ARGV[10], size, ARGV[12], ARGV[13]}), 'PX', ttl)
redis.call('SET', KEYS[2], id, 'PX', ttl)
for i = 1, #ARGV[17], 4 do
  local v = struct.unpack('<I4', ARGV[17], i)
  local key = prefix .. ':a:' .. v
  if redis.call('LLEN', key) <= cap then redis.call('RPUSH', key, id) end
  redis.call('PEXPIRE', key, ttl)
  redis.call('HINCRBY', prefix .. ':v', v % 65536, 1)
end
return {0, cluster, dup}
`
