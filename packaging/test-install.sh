#!/usr/bin/env bash
# Installs the built netprobe .deb on this machine, checks what an operator would do, and removes it again
# (also on failure). Needs root and a built netprobe-cli-dist/target/netprobe_*_all.deb. Run by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls netprobe-cli-dist/target/netprobe_*_all.deb)
if dpkg-query -W -f='${Status}' netprobe 2>/dev/null | grep -q "install ok installed"; then
  echo "netprobe is already installed here; not touching it" >&2; exit 1
fi
trap 'dpkg -r netprobe >/dev/null 2>&1 || true' EXIT
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
test -s /usr/share/doc/netprobe/THIRD-PARTY.txt
ls /var/cache/netprobe/*.jsa >/dev/null   # postinst made the class-data archive
cd /tmp && netprobe demo | grep -q 'Verdict: OK'
netprobe ss -tln | head -1 | grep -q '^Netid'
dpkg -r netprobe
test ! -e /usr/bin/netprobe && test ! -e /var/cache/netprobe
trap - EXIT
echo "install test: OK"
