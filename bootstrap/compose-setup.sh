#!/bin/sh
# One-shot set-up for docker-compose.yml: the runbook's steps 1-2 and 4 (operator key, node
# identities, genesis, enrollments) inside the shared /net volume, plus one config file per node
# (bootstrap = the introducer). Safe to re-run: it does nothing once /net/genesis.json exists.
set -eu
GA=/opt/gridauth/bin/gridauth
NET=/net
SUBNET=172.28.0            # docker-compose.yml's gridauth network
[ -f "$NET/genesis.json" ] && { echo "already set up"; exit 0; }
$GA keygen --out "$NET/operator.key"
$GA --data "$NET/introducer" init
for i in 1 2 3 4; do $GA --data "$NET/validator-$i" init; done
for t in 1 2 3; do $GA --data "$NET/terminal-$t" init; done
V=""
for i in 1 2 3 4; do V="$V --validator /ip4/$SUBNET.1$i/tcp/4001/p2p/$($GA --data "$NET/validator-$i" id)"; done
# shellcheck disable=SC2086
$GA genesis --operator-key "$NET/operator.key" --network-id compose-grid $V --out "$NET/genesis.json"
INTRO=/ip4/$SUBNET.10/tcp/4001/p2p/$($GA --data "$NET/introducer" id)
conf() { # node role
  printf 'genesis: %s\nrole: %s\nlisten:\n  - /ip4/0.0.0.0/tcp/4001\nbootstrap:\n  - %s\n' "$NET/genesis.json" "$2" "$INTRO" > "$NET/$1.yaml"
}
conf introducer introducer
for i in 1 2 3 4; do conf "validator-$i" validator; done
for t in 1 2 3; do
  conf "terminal-$t" terminal
  $GA enroll --operator-key "$NET/operator.key" --genesis "$NET/genesis.json" \
    --peer-id "$($GA --data "$NET/terminal-$t" id)" --address "/ip4/$SUBNET.2$t/tcp/4001" \
    --device-type DTU --vendor acme --serial "DTU-000$t" --out "$NET/terminal-$t.enrollment.json"
done
echo "set up: $NET/genesis.json"
