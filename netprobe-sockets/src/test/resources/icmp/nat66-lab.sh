#!/usr/bin/env bash
# An IPv6 NAT lab of network namespaces (needs root, iproute2, nftables):
#
#   nat66-lab.sh up NAME      client fd00:78::1 -> r1 -> r2 -> target fd00:78:2::2
#   nat66-lab.sh down NAME    deletes every namespace of the lab
#
# Namespaces NAME-c, NAME-r1, NAME-r2, NAME-t. r1 translates the client's address statelessly (nft payload rewrite,
# notrack), fd00:78::1 <-> fd00:78:9::9, the way a NAT66 or an NPTv6 prefix translator does; nothing translates
# the quotes in ICMPv6 errors back. Hops: 1 r1 fd00:78::2, 2 r2 fd00:78:1::2, 3 target. ICMPv6 rate limits off.
set -euo pipefail
cmd=${1:?usage: nat66-lab.sh up|down NAME}; name=${2:?name}

down() {
  for ns in c r1 r2 t; do ip netns delete "$name-$ns" 2>/dev/null || true; done
}
if [ "$cmd" = down ]; then down; exit 0; fi
[ "$cmd" = up ] || { echo "unknown command $cmd" >&2; exit 2; }
down
trap 'down' ERR
for ns in c r1 r2 t; do
  ip netns add "$name-$ns"
  ip -n "$name-$ns" link set lo up
  ip netns exec "$name-$ns" sysctl -qw net.ipv6.icmp.ratelimit=0
done
for ns in r1 r2; do ip netns exec "$name-$ns" sysctl -qw net.ipv6.conf.all.forwarding=1; done
# link LEFT LEFT_IF LEFT_ADDR RIGHT RIGHT_IF RIGHT_ADDR (/64, no duplicate address detection)
link() {
  ip link add "np$$x" type veth peer name "np$$y"
  ip link set "np$$x" netns "$name-$1" name "$2"
  ip link set "np$$y" netns "$name-$4" name "$5"
  ip -n "$name-$1" addr add "$3/64" dev "$2" nodad
  ip -n "$name-$4" addr add "$6/64" dev "$5" nodad
  ip -n "$name-$1" link set "$2" up
  ip -n "$name-$4" link set "$5" up
}
link c c0 fd00:78::1 r1 r1c fd00:78::2
link r1 r1r fd00:78:1::1 r2 r2l fd00:78:1::2
link r2 r2t fd00:78:2::1 t t0 fd00:78:2::2
ip -n "$name-c" -6 route add default via fd00:78::2
ip -n "$name-r1" -6 route add fd00:78:2::/64 via fd00:78:1::2
ip -n "$name-r2" -6 route add fd00:78::/64 via fd00:78:1::1
ip -n "$name-r2" -6 route add fd00:78:9::/64 via fd00:78:1::1
ip -n "$name-t" -6 route add default via fd00:78:2::1
ip netns exec "$name-r1" nft -f - <<NFT
table ip6 lab {
  chain pre {
    type filter hook prerouting priority -300;
    ip6 saddr fd00:78::1 notrack
    ip6 daddr fd00:78:9::9 notrack
    ip6 daddr fd00:78:9::9 ip6 daddr set fd00:78::1
  }
  chain post {
    type filter hook postrouting priority 100;
    oifname "r1r" ip6 saddr fd00:78::1 ip6 saddr set fd00:78:9::9
  }
}
NFT
trap - ERR
