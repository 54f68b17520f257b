#!/usr/bin/env bash
# Checks that every jar in LIBDIR is named (by its name prefix, the first column) in the THIRD-PARTY.txt of DOCDIR,
# and that every licence text that list names is in DOCDIR. Run by the install tests on the installed packages.
#   packaging/check-third-party.sh LIBDIR DOCDIR
set -euo pipefail
lib=$1; doc=$2; list=$doc/THIRD-PARTY.txt
test -s "$list" || { echo "no $list" >&2; exit 1; }
prefixes=$(awk 'NF >= 3 && $0 !~ /^(Third-party|directory|by the|In lib)/ {print $1}' "$list")
status=0
for jar in "$lib"/*.jar; do
  name=${jar##*/}
  listed=
  for prefix in $prefixes; do
    case $name in "$prefix"*) listed=$prefix; break ;; esac
  done
  if [ -z "$listed" ]; then echo "$name is bundled but not listed in $list" >&2; status=1; fi
done
for text in $(grep -oE '[A-Za-z0-9_.-]+\.txt' "$list" | grep -v '^THIRD-PARTY.txt$' | sort -u); do
  test -s "$doc/$text" || { echo "$list names $text, which is not in $doc" >&2; status=1; }
done
exit $status
