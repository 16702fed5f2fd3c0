#!/usr/bin/env bash
# lab.sh — a small data centre on this one machine, for the multi-host tests and the capacity
# benchmark: every "host" is a Linux network namespace with its own address on one private /24,
# joined by a bridge in a namespace of its own (the "switch"). This machine (the test process)
# gets one port on the switch too, so it can reach the hosts; traffic never leaves namespaces
# this script made. Faults are nftables rules in the switch that drop frames silently, as a
# broken link or a firewall does (no carrier loss, no ICMP): nobody learns of a cut except by
# timing out.
#
#   lab.sh up LAB HOST...          make namespaces LAB-HOST, print "HOST ADDRESS" per host and "gateway ADDRESS"
#   lab.sh cut LAB HOST [PEER]     drop everything to and from HOST (or only between HOST and PEER)
#   lab.sh heal LAB HOST [PEER]    undo that cut
#   lab.sh run LAB HOST CMD...     run a command inside HOST (exec, so the pid is the command's)
#   lab.sh down LAB                kill what runs inside, delete every namespace and link of LAB
#
# LAB is at most 6 letters or digits (interface names are limited to 15 characters). Needs root.
set -euo pipefail

state_dir=/run/chitlaq-lab
die() { echo "lab.sh: $*" >&2; exit 1; }

lab=${2:-}
[[ "$lab" =~ ^[a-z0-9]{1,6}$ ]] || die "LAB must be 1–6 lowercase letters or digits"
state="$state_dir/$lab"

address_of() { grep -E "^$1 " "$state/hosts" | cut -d' ' -f2; }
index_of() { grep -nE "^$1 " "$state/hosts" | cut -d: -f1; }
switch_ns() { echo "$lab-sw"; }

free_subnet() {
  # A /24 in 10.200–249.x that no route of this machine covers yet.
  for _ in $(seq 1 50); do
    local candidate="10.$((200 + RANDOM % 50)).$((RANDOM % 250))"
    ip route | grep -q "^$candidate\." || { echo "$candidate"; return; }
  done
  die "no free 10.x.y.0/24 found"
}

up() {
  shift 2
  [ $# -gt 0 ] || die "name at least one host"
  [ -d "$state" ] && die "lab $lab exists (lab.sh down $lab first)"
  mkdir -p "$state"
  local subnet; subnet=$(free_subnet)
  echo "$subnet" > "$state/subnet"
  : > "$state/hosts"
  local sw; sw=$(switch_ns)
  ip netns add "$sw"
  ip -n "$sw" link add br0 type bridge
  ip -n "$sw" link set br0 up
  # Silent drops: ports in cut_ports lose every frame; address pairs in cut_pairs lose IPv4 between them.
  ip netns exec "$sw" nft -f - <<'NFT'
table bridge lab {
  set cut_ports { type ifname; }
  set cut_pairs { type ipv4_addr . ipv4_addr; }
  chain forward {
    type filter hook forward priority 0; policy accept;
    iifname @cut_ports drop
    oifname @cut_ports drop
    ip saddr . ip daddr @cut_pairs drop
  }
}
NFT
  local i=0 host
  for host in "$@"; do
    [[ "$host" =~ ^[a-z0-9]{1,5}$ ]] || die "host names are 1–5 lowercase letters or digits: $host"
    i=$((i + 1))
    local ns="$lab-$host" address="$subnet.$((10 + i))"
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip link add "v$lab$i" type veth peer name "p$lab$i"
    ip link set "v$lab$i" netns "$sw"
    ip link set "p$lab$i" netns "$ns"
    ip -n "$ns" link set "p$lab$i" name eth0
    ip -n "$ns" addr add "$address/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$sw" link set "v$lab$i" master br0
    ip -n "$sw" link set "v$lab$i" up
    echo "$host $address v$lab$i" >> "$state/hosts"
  done
  # This machine's own port on the switch: how the test process reaches the hosts.
  ip link add "h$lab" type veth peer name "g$lab"
  ip link set "g$lab" netns "$sw"
  ip -n "$sw" link set "g$lab" master br0
  ip -n "$sw" link set "g$lab" up
  ip addr add "$subnet.254/24" dev "h$lab"
  ip link set "h$lab" up
  cut -d' ' -f1,2 "$state/hosts"
  echo "gateway $subnet.254"
}

port_of() { grep -E "^$1 " "$state/hosts" | cut -d' ' -f3; }

cut_or_heal() {
  local verb=$1 host=$4 peer=${5:-}
  [ -d "$state" ] || die "no lab $lab"
  local sw; sw=$(switch_ns)
  local port; port=$(port_of "$host"); [ -n "$port" ] || die "no host $host in lab $lab"
  if [ -z "$peer" ]; then
    ip netns exec "$sw" nft "$verb" element bridge lab cut_ports "{ \"$port\" }"
  else
    local a b; a=$(address_of "$host"); b=$(address_of "$peer"); [ -n "$b" ] || die "no host $peer in lab $lab"
    ip netns exec "$sw" nft "$verb" element bridge lab cut_pairs "{ $a . $b, $b . $a }"
  fi
}

run() {
  local host=$3; shift 3
  [ -d "$state" ] || die "no lab $lab"
  exec ip netns exec "$lab-$host" "$@"
}

down() {
  [ -d "$state" ] || return 0
  local host
  for host in $(cut -d' ' -f1 "$state/hosts"); do
    local ns="$lab-$host"
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
  done
  ip link del "h$lab" 2>/dev/null || true
  ip netns del "$(switch_ns)" 2>/dev/null || true
  rm -rf "$state"
}

case "${1:-}" in
  up) up "$@" ;;
  cut) cut_or_heal add "$@" ;;
  heal) cut_or_heal delete "$@" ;;
  run) run "$@" ;;
  down) down ;;
  *) die "usage: lab.sh up|cut|heal|run|down LAB ..." ;;
esac
