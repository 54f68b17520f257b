#!/usr/bin/env bash
# An ECMP lab of network namespaces (needs root, iproute2, nftables): a load-balanced diamond.
#
#   ecmp-lab.sh up NAME [NAT]     client -> r1 =(a | b)=> r2 -> target
#   ecmp-lab.sh down NAME         deletes every namespace of the lab
#
# Namespaces NAME-c, NAME-r1, NAME-a, NAME-b, NAME-r2, NAME-t. r1 reaches the target over a multipath route with
# two equal next hops (a 10.78.1.2, b 10.78.2.2) and hashes on layer 4 (net.ipv4.fib_multipath_hash_policy=1), so
# a UDP flow's 5-tuple picks the branch. Hops: 1 r1 10.78.0.2, 2 a or b, 3 r2 10.78.3.2 (its answers go back via
# a), 4 target 10.78.5.2. ICMP rate limits are off everywhere; veth transmit checksum offload is off on the
# client so quoted checksums are real. NAT=1: r1 masquerades what leaves towards a and b (nft, conntrack: the
# quotes in ICMP errors are translated back). NAT=2: r1 rewrites the client's 10.78.0.1 to 10.78.9.9 and back
# statelessly (nft payload mangling, notrack), so quotes from behind r1 keep 10.78.9.9.
set -euo pipefail
cmd=${1:?usage: ecmp-lab.sh up|down NAME [NAT]}; name=${2:?name}

down() {
  for ns in c r1 a b r2 t; do ip netns delete "$name-$ns" 2>/dev/null || true; done
}
if [ "$cmd" = down ]; then down; exit 0; fi
[ "$cmd" = up ] || { echo "unknown command $cmd" >&2; exit 2; }
nat=${3:-0}
down
trap 'down' ERR
for ns in c r1 a b r2 t; do
  ip netns add "$name-$ns"
  ip -n "$name-$ns" link set lo up
  for s in net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000 net.ipv4.icmp_msgs_burst=100000; do
    ip netns exec "$name-$ns" sysctl -qw "$s" 2>/dev/null || true
  done
done
for ns in r1 a b r2; do ip netns exec "$name-$ns" sysctl -qw net.ipv4.ip_forward=1; done
ip netns exec "$name-r1" sysctl -qw net.ipv4.fib_multipath_hash_policy=1
# link LEFT LEFT_IF LEFT_ADDR RIGHT RIGHT_IF RIGHT_ADDR (/24)
link() {
  ip link add "np$$x" type veth peer name "np$$y"
  ip link set "np$$x" netns "$name-$1" name "$2"
  ip link set "np$$y" netns "$name-$4" name "$5"
  ip -n "$name-$1" addr add "$3/24" dev "$2"
  ip -n "$name-$4" addr add "$6/24" dev "$5"
  ip -n "$name-$1" link set "$2" up
  ip -n "$name-$4" link set "$5" up
}
link c c0 10.78.0.1 r1 r1c 10.78.0.2
link r1 r1a 10.78.1.1 a a1 10.78.1.2
link r1 r1b 10.78.2.1 b b1 10.78.2.2
link a a2 10.78.3.1 r2 r2a 10.78.3.2
link b b2 10.78.4.1 r2 r2b 10.78.4.2
link r2 r2t 10.78.5.1 t t0 10.78.5.2
ip -n "$name-c" route add default via 10.78.0.2
ip -n "$name-r1" route add 10.78.5.0/24 nexthop via 10.78.1.2 nexthop via 10.78.2.2
ip -n "$name-a" route add 10.78.0.0/24 via 10.78.1.1
ip -n "$name-a" route add 10.78.5.0/24 via 10.78.3.2
ip -n "$name-b" route add 10.78.0.0/24 via 10.78.2.1
ip -n "$name-b" route add 10.78.5.0/24 via 10.78.4.2
ip -n "$name-r2" route add 10.78.0.0/24 via 10.78.3.1
ip -n "$name-r2" route add 10.78.1.0/24 via 10.78.3.1
ip -n "$name-r2" route add 10.78.2.0/24 via 10.78.4.1
ip -n "$name-t" route add default via 10.78.5.1
if [ "$nat" = 1 ]; then
  ip netns exec "$name-r1" nft -f - <<NFT
table ip nat {
  chain post {
    type nat hook postrouting priority srcnat;
    oifname { "r1a", "r1b" } masquerade
  }
}
NFT
  # masqueraded replies come back to 10.78.1.1 / 10.78.2.1: a and b reach them directly
elif [ "$nat" = 2 ]; then
  ip netns exec "$name-r1" nft -f - <<NFT
table ip lab {
  chain pre {
    type filter hook prerouting priority -300;
    ip saddr 10.78.0.1 notrack
    ip daddr 10.78.9.9 notrack
    ip daddr 10.78.9.9 ip daddr set 10.78.0.1
  }
  chain post {
    type filter hook postrouting priority 100;
    oifname { "r1a", "r1b" } ip saddr 10.78.0.1 ip saddr set 10.78.9.9
  }
}
NFT
  ip -n "$name-a" route add 10.78.9.0/24 via 10.78.1.1
  ip -n "$name-b" route add 10.78.9.0/24 via 10.78.2.1
  ip -n "$name-r2" route add 10.78.9.0/24 via 10.78.3.1
fi
trap - ERR
