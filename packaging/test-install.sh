#!/usr/bin/env bash
# Installs the built netprobe .deb on this machine, checks what an operator would do, and removes it again
# (also on failure). Needs root and a built netprobe-cli-dist/target/netprobe_*_all.deb. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls netprobe-cli-dist/target/netprobe_*_all.deb)
if dpkg-query -W -f='${Status}' netprobe 2>/dev/null | grep -q "install ok installed"; then
  echo "netprobe is already installed here; not touching it" >&2; exit 1
fi
netns=np-install-$$
site_pid=
cleanup() {
  [ -n "$site_pid" ] && kill "$site_pid" 2>/dev/null || true
  ip netns del "$netns" 2>/dev/null || true
  dpkg -r netprobe >/dev/null 2>&1 || true
}
trap cleanup EXIT
dpkg -i "$deb"
test "$(readlink -f "$(command -v netprobe)")" = /usr/lib/netprobe/bin/netprobe
# (not tee /dev/stderr: reopening a redirected stderr would truncate the caller's log file)
version=$(netprobe --version)
echo "$version" >&2
grep -Eq '^netprobe [0-9.]+.* \(commit [0-9a-f]{12}' <<<"$version"
man -w netprobe | grep -q /usr/share/man/man1/netprobe.1
MANWIDTH=80 man netprobe 2>/dev/null | grep -q 'EXIT STATUS'
test -s /usr/share/bash-completion/completions/netprobe
bash -c 'source /usr/share/bash-completion/completions/netprobe && complete -p netprobe' >/dev/null
packaging/check-third-party.sh /usr/lib/netprobe/lib /usr/share/doc/netprobe
packaging/check-third-party.sh /usr/lib/netprobe/lib/grpc /usr/share/doc/netprobe
for command in ping traceroute mtr head dig delv ss tcp grpc diagnose; do
  grep -qF "\"\$id\": \"urn:netprobe:json-schema:1:$command\"" "/usr/share/doc/netprobe/schema/$command.schema.json"
done
grep -q 'JSON schema version 1' <<<"$version"
ls /var/cache/netprobe/*.jsa >/dev/null   # postinst made the class-data archive
cd /tmp && netprobe demo | grep -q 'Verdict: OK'
netprobe ss -tln | head -1 | grep -q '^Netid'
# grpc-java sits in lib/grpc/, on the class path of `netprobe grpc` only: the backend is found, the port refuses
set +e; grpc=$(netprobe grpc -addr 127.0.0.1:1 2>&1); code=$?; set -e
echo "$grpc" >&2
test "$code" = 1 && grep -q CONNECTION_REFUSED <<<"$grpc"

# diagnose a site on loopback (python's http.server on a free port): no traffic leaves the machine
site=$(mktemp -d)
echo ok >"$site/index.html"
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$site" >"$site.log" 2>&1 &
site_pid=$!
for _ in $(seq 50); do grep -q 'Serving HTTP' "$site.log" && break; sleep 0.1; done
port=$(sed -n 's/^Serving HTTP on 127.0.0.1 port \([0-9]*\).*/\1/p' "$site.log")
test -n "$port"
report=$(netprobe diagnose "http://127.0.0.1:$port/" --target 127.0.0.1 --ports "$port" --timeout 5)
echo "$report" >&2
grep -q 'Verdict: OK' <<<"$report"
grep -q "python3(pid=$site_pid)" <<<"$report"
netprobe diagnose --json "http://127.0.0.1:$port/" --target 127.0.0.1 --timeout 5 \
  | python3 -c 'import json, sys; d = json.load(sys.stdin); assert d["verdict"]["category"] == "OK", d["verdict"]'
kill "$site_pid"; site_pid=

# ping without root: works where the kernel admits the user's group, and where it does not, exits 2 saying how to
# allow it. In a network namespace of its own, so the host's ping_group_range is read and never changed.
ip netns add "$netns"
ip netns exec "$netns" ip link set lo up
as_nobody() { ip netns exec "$netns" setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
ip netns exec "$netns" sysctl -qw net.ipv4.ping_group_range="0 2147483647"
as_nobody netprobe ping -c 1 127.0.0.1 | grep -q '1 received'
ip netns exec "$netns" sysctl -qw net.ipv4.ping_group_range="1 0"
set +e
denied=$(as_nobody netprobe ping -c 1 127.0.0.1 2>&1 >/dev/null); code=$?
set -e
echo "$denied" >&2
test "$code" = 2
grep -q 'sysctl -w net.ipv4.ping_group_range=' <<<"$denied"
ip netns del "$netns"
dpkg -r netprobe
test ! -e /usr/bin/netprobe && test ! -e /var/cache/netprobe
trap - EXIT
echo "install test: OK"
