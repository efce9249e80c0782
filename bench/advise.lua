-- wrk script for bench/serve.sh: every request is one POST of a fact file.
-- BODY: the fact file to send (read once, at start); TYPE: its media type (default application/yaml);
-- TOKEN: a bearer token to send, when the server needs one.
local path = os.getenv("BODY")
local file = assert(io.open(path, "rb"), "bench/advise.lua: cannot read BODY=" .. tostring(path))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = os.getenv("TYPE") or "application/yaml"
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

-- a run with answers other than 2xx is not a measurement: say how many (no response() callback: it would cost
-- wrk a Lua call per answer, measured against the server)
function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("bench: answers not 200 or failed: %d\n", failed))
end
