#!/usr/bin/env bash
# Runs one benchmark area: bench/run.sh dns|http|sockets|icmp|diagnose|exporter [args...]
# Each area is a main class io.netprobe.bench.<Area>Bench that measures netprobe and the peer tool in the same run
# and prints both figures and their ratio. Builds the bench module first (quietly) when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
area=${1:?usage: bench/run.sh AREA [args...]}; shift
if [ ! -f bench/target/netprobe-bench-0.1.0-SNAPSHOT.jar ] || [ -n "$(find . -path ./bench/target -prune -o -name '*.java' -newer bench/target/netprobe-bench-0.1.0-SNAPSHOT.jar -print -quit)" ]; then
  ./mvnw -B -q -Pbench -pl bench -am package -DskipTests ${MVN_OPTS:-} >/dev/null
fi
cls="io.netprobe.bench.${area^}Bench"
exec java --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} -cp "bench/target/netprobe-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" "$cls" "$@"
