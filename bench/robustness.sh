#!/usr/bin/env bash
# Time bound of the robustness reproducers (src/test/java/dev/cilia/robustness/Reproducers.java):
# each runs in one warm JVM and must finish within 10 s; also checks its exit code and diagnostic.
# Usage: bench/robustness.sh [--no-build]
# Exit status: 0 when every reproducer holds, 1 when one fails, 2 when the script cannot run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [[ "${1:-}" != "--no-build" ]]; then
  ./mvnw -q -B -o test-compile -Dspotless.check.skip=true -Dcilia.editors.skip=true >&2 || exit 2
fi
cp_file="$(mktemp "${TMPDIR:-/tmp}/cilia-robustness-cp.XXXXXX")"
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2 ||
  exit 2
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)" >&2
java -Xmx1g -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  dev.cilia.robustness.ReproducerBench
