#!/usr/bin/env bash
# Start-up benchmark of the installed netprobe command beside the classic tools, against loopback servers this script
# starts (a one-answer DNS responder and an HTTP server, both python3). Needs hyperfine; prints hyperfine's table and,
# per command, netprobe's median wall time, CPU time and the ratio to the classic tool.
#   bench/cli-startup.sh [NETPROBE] [RUNS]       (default: netprobe on the PATH, 15 runs)
set -euo pipefail
np=${1:-netprobe}; runs=${2:-15}
work=$(mktemp -d); trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
cat >"$work/dns.py" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
while True:
    d, a = s.recvfrom(4096); i = 12
    while d[i]: i += 1 + d[i]
    s.sendto(d[:2] + b"\x85\x00" + struct.pack(">HHHH", 1, 1, 0, 0) + d[12:i + 5]
             + b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 300, 4) + bytes([127, 0, 0, 1]), a)
PY
python3 "$work/dns.py" >"$work/dns.port" & 
python3 -c 'import http.server,socketserver,sys
h=http.server.ThreadingHTTPServer(("127.0.0.1",0),http.server.SimpleHTTPRequestHandler);print(h.server_port,flush=True);h.serve_forever()' \
  >"$work/http.port" 2>/dev/null &
sleep 1; dns=$(cat "$work/dns.port"); http=$(cat "$work/http.port")
pairs=(
  "dig|$np dig @127.0.0.1 -p $dns quizai.juwonpark.me|dig @127.0.0.1 -p $dns quizai.juwonpark.me"
  "tcp|$np tcp 127.0.0.1 $http|nc -z 127.0.0.1 $http"
  "head|$np head http://127.0.0.1:$http/|curl -sI http://127.0.0.1:$http/"
  "ss|$np ss -tln|ss -tln")
echo "# $(date -u +%FT%TZ) $(uname -n) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $($np --version | tr '\n' ' ')"
printf '%-5s %10s %10s %10s %8s\n' cmd np_wall_ms np_cpu_ms tool_ms ratio
for p in "${pairs[@]}"; do
  IFS='|' read -r name a b <<<"$p"
  hyperfine -N -i -w 2 -r "$runs" --export-json "$work/$name.json" "$a" "$b" >/dev/null 2>&1
  python3 - "$work/$name.json" "$name" <<'PY'
import json, sys, statistics as st
r = json.load(open(sys.argv[1]))["results"]
np_, tool = r
med = lambda x: st.median(x["times"]) * 1000
cpu = (st.median(np_["user"]) + st.median(np_["system"])) * 1000 if "user" in np_ and isinstance(np_["user"], list) else (np_["user"] + np_["system"]) * 1000
print(f"{sys.argv[2]:<5} {med(np_):10.0f} {cpu:10.0f} {med(tool):10.1f} {med(np_) / med(tool):7.1f}x")
PY
done
