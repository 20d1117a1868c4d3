// Lua scripts of the Redis store. Every key shares the `{prefix}` hash tag, so a script touches one
// slot of a Redis Cluster; keys of candidate articles and clusters are derived inside the script
// from that prefix (their names are only known after reading the posting lists).

/**
 * READ. KEYS: doc key of the article, exact key, then the query keys (posting lists).
 * ARGV: prefix, maxCandidates, postingCap.
 * Returns {1, previous doc fields} when the article was already committed, else
 * {0, exactId|false, exactClusterId|false, {posting lengths}, {{id, shared, cluster, sketch, size, leadKeys, composite}...}}.
 */
export const READ_SCRIPT = `
local prefix = ARGV[1]
local maxC = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {1, redis.call('HMGET', KEYS[1], 'c', 'k', 's', 'u', 'g')}
end
local exact = redis.call('GET', KEYS[2])
local exactCluster = false
if exact then exactCluster = redis.call('HGET', prefix .. ':d:' .. exact, 'c') or false end
local lens = {}
local counts = {}
local order = {}
for i = 3, #KEYS do
  local len = redis.call('LLEN', KEYS[i])
  lens[#lens + 1] = len
  if len > 0 and len <= cap then
    for _, id in ipairs(redis.call('LRANGE', KEYS[i], 0, -1)) do
      if counts[id] then counts[id] = counts[id] + 1 else counts[id] = 1; order[#order + 1] = id end
    end
  end
end
table.sort(order, function(a, b)
  if counts[a] ~= counts[b] then return counts[a] > counts[b] end
  return a < b
end)
local out = {}
local taken = 0
for i = 1, #order do
  if taken >= maxC then break end
  local id = order[i]
  local rec = redis.call('HMGET', prefix .. ':d:' .. id, 'c', 'sk', 'n', 'lk', 'x')
  if rec[1] then
    out[#out + 1] = {id, counts[id], rec[1], rec[2], rec[3], rec[4], rec[5]}
    taken = taken + 1
  end
end
return {0, exact, exactCluster, lens, out}
`

/**
 * COMMIT. KEYS: doc key, exact key, then the same query keys as READ.
 * ARGV: prefix, ttlMs, postingCap, expectedExact ('' for none), joinId ('' for a new cluster),
 * articleId, kind, similarity, agency, sketch, size, leadKeys, composite, agencyOriginal, ts,
 * anchor positions (comma-separated 1-based indexes into the query keys), then the posting lengths
 * READ saw. Returns {1, previous fields} (already committed), {2} (conflict: state changed since
 * READ), or {0, clusterId, duplicateOf ('' for none)}.
 */
export const COMMIT_SCRIPT = `
local prefix = ARGV[1]
local ttl = tonumber(ARGV[2])
local cap = tonumber(ARGV[3])
local id = ARGV[6]
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {1, redis.call('HMGET', KEYS[1], 'c', 'k', 's', 'u', 'g')}
end
local exact = redis.call('GET', KEYS[2]) or ''
if exact ~= ARGV[4] then return {2} end
for i = 3, #KEYS do
  if redis.call('LLEN', KEYS[i]) ~= tonumber(ARGV[14 + i]) then return {2} end
end
local cluster = id
if ARGV[5] ~= '' then
  cluster = redis.call('HGET', prefix .. ':d:' .. ARGV[5], 'c')
  if not cluster then return {2} end
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
redis.call('HSET', KEYS[1], 'c', cluster, 'k', ARGV[7], 's', ARGV[8], 'u', dup, 'g', ARGV[9],
  'sk', ARGV[10], 'n', size, 'lk', ARGV[12], 'x', ARGV[13])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('SET', KEYS[2], id, 'PX', ttl)
for pos in string.gmatch(ARGV[16], '%d+') do
  local key = KEYS[2 + tonumber(pos)]
  if redis.call('LLEN', key) <= cap then redis.call('RPUSH', key, id) end
  redis.call('PEXPIRE', key, ttl)
end
return {0, cluster, dup}
`
