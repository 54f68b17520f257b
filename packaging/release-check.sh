#!/usr/bin/env bash
# Builds the release bundle twice, each time collected into a fresh directory laid out per artifact (everything short
# of the upload), and
# checks that
#   - every artifact the BOM lists (and the parent and the BOM) is there with its pom, and every jar artifact with its
#     -sources.jar and -javadoc.jar;
#   - the two builds made byte-identical jars (reproducible builds: project.build.outputTimestamp is fixed).
# Usage: packaging/release-check.sh [maven args…]   e.g. -o -Dmaven.repo.local=/path/to/m2
# Exit 0 when the bundle is complete and reproducible, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${RELEASE_CHECK_DIR:-${TMPDIR:-/tmp}/netprobe-release-check}  # outside target/: the builds clean it
rm -rf "$out"
mkdir -p "$out"
version=$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)
modules=$(sed -n 's:^        <artifactId>\(netprobe-[a-z0-9-]*\)</artifactId>$:\1:p' netprobe-bom/pom.xml)
list=$(echo netprobe-bom $modules | tr ' ' ',')

for round in 1 2; do
    ./mvnw -B -Prelease -DskipTests -pl "$list" -am clean verify "$@" >"$out/build$round.log" 2>&1 \
    || { echo "build $round failed: see $out/build$round.log"; exit 1; }
  for m in $modules; do
    mkdir -p "$out/repo$round/$m"
    cp "$m/target/"*.jar "$out/repo$round/$m/" 2>/dev/null || true
    cp "$m/pom.xml" "$out/repo$round/$m/$m-$version.pom"
  done
  mkdir -p "$out/repo$round/netprobe-bom" "$out/repo$round/netprobe-parent"
  cp netprobe-bom/pom.xml "$out/repo$round/netprobe-bom/netprobe-bom-$version.pom"
  cp pom.xml "$out/repo$round/netprobe-parent/netprobe-parent-$version.pom"
done

status=0
for m in $modules; do
  d="$out/repo1/$m"
  [ -f "$d/$m-$version.pom" ] || { echo "MISSING $m: pom"; status=1; }
  packaging=$(sed -n 's:^  <packaging>\(.*\)</packaging>$:\1:p' "$m/pom.xml")
  if [ "${packaging:-jar}" = jar ]; then
    for kind in "" -sources -javadoc; do
      [ -f "$d/$m-$version$kind.jar" ] || { echo "MISSING $m: $m-$version$kind.jar"; status=1; }
    done
  fi
done
for f in $(cd "$out/repo1" && find . -name '*.jar' | sort); do
  if ! cmp -s "$out/repo1/$f" "$out/repo2/$f"; then
    echo "NOT REPRODUCIBLE: $f differs between two builds"
    status=1
  fi
done
[ $status -eq 0 ] && echo "release bundle complete and reproducible: $(cd "$out/repo1" && find . -name '*.jar' | wc -l) jars, $(echo $modules | wc -w) modules"
echo "still missing for Maven Central: <licenses>, <url> and <scm> in the POMs (no licence chosen, no public repository)"
exit $status
