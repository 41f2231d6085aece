#!/usr/bin/env bash
# Regenerates the TypeScript codecs in src/wire/ from protocols/*.proto with protons.
# Generated files are committed so a plain build needs no code generation.
set -euo pipefail
cd "$(dirname "$0")/.."
for proto in protocols/*.proto; do
  npx protons "$proto"
  name=$(basename "$proto" .proto)
  mv "protocols/$name.ts" "src/wire/$name.ts"
done
