-- wrk script for bench/run.sh: POSTs one chat completion per request and, when the run ends,
-- prints one machine-readable "BENCH ..." line that run.sh parses.
--
-- Environment (read once per wrk thread):
--   BENCH_MODEL   model name in the body (default bench-model)
--   BENCH_STREAM  "1" asks for a streamed answer ("stream": true)
--   BENCH_KEY     when set, sent as "Authorization: Bearer <key>" (the gateway's inference key)
--
-- Non-2xx answers are counted by wrk itself (summary.errors.status counts every status above
-- 399, the "Non-2xx or 3xx responses" line); no response() hook is defined, because one makes
-- wrk hand every response to Lua and costs load-generator CPU on a small machine.

local model = os.getenv("BENCH_MODEL") or "bench-model"
local stream = os.getenv("BENCH_STREAM") == "1"
local key = os.getenv("BENCH_KEY")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if key ~= nil and key ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. key
end
wrk.body = '{"model":"' .. model .. '",' .. (stream and '"stream":true,' or '')
        .. '"messages":[{"role":"user","content":"Hello"}]}'

function done(summary, latency, requests)
    local e = summary.errors
    local seconds = summary.duration / 1e6
    io.write(string.format(
            "BENCH requests=%d duration_us=%d rps=%.1f status_errors=%d connect_errors=%d "
                    .. "read_errors=%d write_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
            summary.requests, summary.duration, summary.requests / seconds, e.status, e.connect,
            e.read, e.write, e.timeout, latency:percentile(50), latency:percentile(90),
            latency:percentile(99), latency.max))
end
