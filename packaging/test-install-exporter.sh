#!/usr/bin/env bash
# Installs the built netprobe-exporter .deb on this machine, starts the exporter from the installed files the way its
# systemd unit does (systemd does not run in CI: the unit's ExecStart line is run by hand, as a non-root user with
# the unit's ambient CAP_NET_RAW), probes through it, reloads it with SIGHUP, and removes the package again (also on
# failure). Needs root and a built netprobe-exporter/target/netprobe-exporter_*_all.deb. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls netprobe-exporter/target/netprobe-exporter_*_all.deb)
if dpkg-query -W -f='${Status}' netprobe-exporter 2>/dev/null | grep -q "install ok installed"; then
  echo "netprobe-exporter is already installed here; not touching it" >&2; exit 1
fi
exporter_pid=
log=$(mktemp)
cleanup() {
  status=$?
  if [ "$status" -ne 0 ]; then
    echo "exporter install test failed (exit $status) at line ${failed_line:-?}; the exporter's output:" >&2
    cat "$log" >&2 || true
  fi
  [ -n "$exporter_pid" ] && kill "$exporter_pid" 2>/dev/null || true
  dpkg -P netprobe-exporter >/dev/null 2>&1 || true
  rm -f "$log"
}
trap cleanup EXIT
trap 'failed_line=$LINENO' ERR
dpkg -i "$deb"
unit=/lib/systemd/system/netprobe-exporter.service
test -x /usr/bin/netprobe-exporter
test -s /usr/lib/netprobe-exporter/netprobe-exporter.jar
packaging/check-third-party.sh /usr/lib/netprobe-exporter/lib /usr/share/doc/netprobe-exporter
grep -q '^DynamicUser=yes' "$unit"
grep -q '^AmbientCapabilities=CAP_NET_RAW' "$unit"
grep -q '^ExecReload=/bin/kill -HUP \$MAINPID' "$unit"
grep -q 'ping_group_range' "$unit"
dpkg-query -W -f='${Conffiles}' netprobe-exporter | grep -q /etc/netprobe-exporter/blackbox.yml
netprobe-exporter --version | grep -q '^netprobe-exporter, version '
netprobe-exporter --config.check --config.file=/etc/netprobe-exporter/blackbox.yml
if netprobe-exporter --config.check --config.file=/dev/null 2>/dev/null; then
  echo "an empty configuration passed --config.check" >&2; exit 1
fi

# the unit's ExecStart with the unit's environment file, on a free loopback port instead of :9115
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
# shellcheck disable=SC1091
. /etc/default/netprobe-exporter
ARGS="$ARGS --web.listen-address=127.0.0.1:$port"
ARGS=${ARGS/--web.listen-address=:9115/}
export ARGS JAVA_OPTS
# as the unit runs it: an unprivileged user holding only CAP_NET_RAW
# (with SIGHUP at its default, as systemd starts it: a JVM started with SIGHUP ignored, under nohup say, leaves it so)
env --default-signal=HUP setpriv --reuid=nobody --regid=nogroup --clear-groups --inh-caps=+net_raw --ambient-caps=+net_raw \
  sh -c "exec $exec_start" >"$log" 2>&1 &
exporter_pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/-/healthy" >/dev/null 2>&1 && break
  kill -0 "$exporter_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.2
done
test "$(curl -sf "http://127.0.0.1:$port/-/healthy")" = Healthy
curl -sf "http://127.0.0.1:$port/probe?module=tcp_connect&target=127.0.0.1:$port" | grep -q '^probe_success 1$'
curl -sf "http://127.0.0.1:$port/probe?module=tcp_connect&target=127.0.0.1:1" | grep -q '^probe_success 0$'
curl -sf "http://127.0.0.1:$port/probe?module=tcp_connect&target=127.0.0.1:1" \
  | grep -q '^probe_failure_info{kind="CONNECTION_REFUSED"} 1$'
icmp=$(curl -sf "http://127.0.0.1:$port/probe?module=icmp&target=127.0.0.1")
echo "$icmp" | grep -E '^probe_(success|failure_info)' >&2
grep -q '^probe_success 1$' <<<"$icmp"
# SIGHUP reloads (the JVM would otherwise exit on it): still running, reload recorded
before=$(curl -sf "http://127.0.0.1:$port/metrics" | sed -n 's/^blackbox_exporter_config_last_reload_success_timestamp_seconds //p')
sleep 1.1
kill -HUP "$exporter_pid"
# the reload runs on the JVM's signal thread: on a busy machine a cold JVM may take more than a second for it
after=$before
for _ in $(seq 50); do
  sleep 0.2
  kill -0 "$exporter_pid"
  after=$(curl -sf "http://127.0.0.1:$port/metrics" | sed -n 's/^blackbox_exporter_config_last_reload_success_timestamp_seconds //p')
  [ "$before" != "$after" ] && grep -q 'Reloaded config file' "$log" && break
done
test "$before" != "$after" || { echo "SIGHUP did not reload within 10 s" >&2; cat "$log" >&2; exit 1; }
grep -q 'Reloaded config file' "$log"
kill "$exporter_pid"; wait "$exporter_pid" || true; exporter_pid=
dpkg -r netprobe-exporter
test ! -e /usr/bin/netprobe-exporter && test ! -e /usr/lib/netprobe-exporter
test -e /etc/netprobe-exporter/blackbox.yml   # a conffile stays until purge
dpkg -P netprobe-exporter
test ! -e /etc/netprobe-exporter/blackbox.yml
trap - EXIT
rm -f "$log"
echo "exporter install test: OK"
