#!/usr/bin/env bash
# Build the Neo4j 5.26 launcher (tools/neo4j) with Maven, quietly and only when needed.
# Prints the path of the runnable jar (its runtime jars sit in target/lib next to it).
#   usage: tools/neo4j/build.sh [--force]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/policykg-neo4j-launcher.jar"
stamp="$here/target/lib/.complete"

up_to_date() {
  [[ -f "$jar" && -f "$stamp" ]] || return 1
  # Anything in the sources or the pom newer than the jar means a rebuild.
  [[ -z "$(find "$here/pom.xml" "$here/src" -newer "$jar" -print -quit)" ]]
}

if [[ "${1:-}" != "--force" ]] && up_to_date; then
  echo "$jar"
  exit 0
fi

command -v java >/dev/null || { echo "build.sh: java (17+) is not installed" >&2; exit 1; }
command -v mvn >/dev/null || { echo "build.sh: mvn (Maven 3.8+) is not installed" >&2; exit 1; }

# Maven's own output is kept out of the way unless the build fails.
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
if ! mvn -q -B -Dstyle.color=never -f "$here/pom.xml" package >"$out" 2>&1; then
  cat "$out" >&2
  echo "build.sh: maven build failed" >&2
  exit 1
fi
touch "$stamp"
echo "$jar"
