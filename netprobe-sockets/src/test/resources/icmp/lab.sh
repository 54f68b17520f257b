#!/usr/bin/env bash
# A traceroute/ping lab of network namespaces, for tests and benchmarks (needs root, iproute2, nftables):
#
#   lab.sh up NAME ROUTERS [SILENT] [LOSS]   client -> ROUTERS routers -> server, over veth pairs with forwarding
#   lab.sh down NAME                         deletes every namespace of the lab
#
# Namespaces: NAME-0 (client), NAME-1 .. NAME-ROUTERS (routers), NAME-<ROUTERS+1> (server).
# Link j joins node j (10.77.j.1, fd77:0:0:j::1) and node j+1 (10.77.j.2, fd77:0:0:j::2), so router k answers
# from 10.77.(k-1).2 and the server is 10.77.ROUTERS.2 / fd77:0:0:ROUTERS::2.
# SILENT: comma-separated router numbers that send no time-exceeded (nft drops them on output).
# LOSS: percent of echo requests and UDP probes the server drops at random (nft numgen random).
# ICMP rate limits are off in every namespace; the client's ping_group_range stays "1 0" (tests set it).
set -euo pipefail
cmd=${1:?usage: lab.sh up|down NAME ...}; name=${2:?name}

down() {
  for ns in $(ip netns list | awk '{print $1}' | grep -E "^${name}-[0-9]+$" || true); do
    ip netns delete "$ns" 2>/dev/null || true
  done
}

if [ "$cmd" = down ]; then down; exit 0; fi
[ "$cmd" = up ] || { echo "unknown command $cmd" >&2; exit 2; }
routers=${3:?routers}; silent=${4:-}; loss=${5:-0}
server=$((routers + 1))
down
trap 'down' ERR
for n in $(seq 0 "$server"); do
  ns="$name-$n"
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  for s in net.ipv4.icmp_ratelimit=0 net.ipv6.icmp.ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000 \
           net.ipv4.icmp_msgs_burst=100000 net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0; do
    ip netns exec "$ns" sysctl -qw "$s" 2>/dev/null || true
  done
  if [ "$n" -gt 0 ] && [ "$n" -lt "$server" ]; then
    ip netns exec "$ns" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  fi
done
for j in $(seq 0 "$routers"); do
  a="$name-$j"; b="$name-$((j + 1))"
  ip link add "np$$u$j" type veth peer name "np$$d$j"
  ip link set "np$$u$j" netns "$a" name nxt
  ip link set "np$$d$j" netns "$b" name prv
  ip -n "$a" addr add "10.77.$j.1/24" dev nxt
  ip -n "$a" addr add "fd77:0:0:$j::1/64" dev nxt nodad
  ip -n "$b" addr add "10.77.$j.2/24" dev prv
  ip -n "$b" addr add "fd77:0:0:$j::2/64" dev prv nodad
  ip -n "$a" link set nxt up
  ip -n "$b" link set prv up
done
for n in $(seq 0 "$server"); do
  ns="$name-$n"
  if [ "$n" -lt "$server" ]; then
    for i in $(seq $((n + 1)) "$routers"); do
      ip -n "$ns" route add "10.77.$i.0/24" via "10.77.$n.2"
      ip -n "$ns" -6 route add "fd77:0:0:$i::/64" via "fd77:0:0:$n::2"
    done
  fi
  if [ "$n" -gt 0 ]; then
    for i in $(seq 0 $((n - 2))); do
      ip -n "$ns" route add "10.77.$i.0/24" via "10.77.$((n - 1)).1"
      ip -n "$ns" -6 route add "fd77:0:0:$i::/64" via "fd77:0:0:$((n - 1))::1"
    done
  fi
done
for k in ${silent//,/ }; do
  ip netns exec "$name-$k" nft -f - <<NFT
table inet lab {
  chain out {
    type filter hook output priority 0;
    icmp type time-exceeded drop
    icmpv6 type time-exceeded drop
  }
}
NFT
done
if [ "$loss" -gt 0 ]; then
  drop="numgen random mod 100 < $loss"
  [ "$loss" -ge 100 ] && drop=""
  ip netns exec "$name-$server" nft -f - <<NFT
table inet lab {
  chain in {
    type filter hook input priority 0;
    icmp type echo-request $drop drop
    icmpv6 type echo-request $drop drop
    meta l4proto udp $drop drop
  }
}
NFT
fi
trap - ERR
