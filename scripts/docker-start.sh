#!/usr/bin/env bash
# Starts a private Docker engine for tests, the log simulator and benchmarks, without touching a
# system-wide one: its own socket, data root, exec root and pid file under one directory.
# Idempotent: when the engine of that directory already answers /_ping, it is reused.
#
#   bash scripts/docker-start.sh            # prints the DOCKER_HOST line to use on stdout
#   eval "$(bash scripts/docker-start.sh)"  # ... and exports it
#
# SIGNALBOARD_DOCKER_DIR chooses the directory (default /tmp/signalboard-docker). Keep it short: the
# engine's containerd socket lives under it and Unix socket paths are limited to 107 bytes.
# Needs root (dockerd does) and Debian's docker.io (scripts/install-system-deps.sh installs it).
# Exits non-zero, with the reason on stderr and the end of the engine's log, when it cannot start.
set -euo pipefail

DIR="${SIGNALBOARD_DOCKER_DIR:-/tmp/signalboard-docker}"
SOCK="$DIR/docker.sock"
PIDFILE="$DIR/dockerd.pid"
LOG="$DIR/dockerd.log"
WAIT_SECONDS="${SIGNALBOARD_DOCKER_WAIT:-60}"

say() { echo "[docker-start] $*" >&2; }

ping_engine() {
  curl -sf --max-time 2 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1
}

if ping_engine; then
  say "engine already running on unix://$SOCK"
  echo "export DOCKER_HOST=unix://$SOCK"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  say "dockerd not found: install Debian's docker.io (apt-get install -y --no-install-recommends docker.io)"
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  say "dockerd needs root; run this script as root (or with sudo)"
  exit 1
fi

mkdir -p "$DIR/data" "$DIR/exec"
# A pid file left by an engine that died would make dockerd refuse to start.
if [ -f "$PIDFILE" ]; then
  old="$(cat "$PIDFILE" 2>/dev/null || true)"
  if [ -n "$old" ] && kill -0 "$old" 2>/dev/null; then
    say "dockerd $old is running but does not answer on $SOCK; stop it with scripts/docker-stop.sh"
    exit 1
  fi
  rm -f "$PIDFILE"
fi
rm -f "$SOCK"

# No iptables and no default bridge: the test containers run with NetworkMode "none", and a
# container environment often has no netfilter to program.
setsid dockerd \
  -H "unix://$SOCK" \
  --data-root "$DIR/data" \
  --exec-root "$DIR/exec" \
  --pidfile "$PIDFILE" \
  --iptables=false \
  --ip-masq=false \
  --bridge=none \
  --log-level=warn \
  >>"$LOG" 2>&1 </dev/null &

deadline=$((SECONDS + WAIT_SECONDS))
until ping_engine; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    say "dockerd did not answer on $SOCK within ${WAIT_SECONDS}s; the end of $LOG:"
    tail -n 20 "$LOG" >&2 || true
    exit 1
  fi
  if [ -f "$PIDFILE" ] && ! kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "dockerd exited while starting; the end of $LOG:"
    tail -n 20 "$LOG" >&2 || true
    exit 1
  fi
  sleep 0.5
done
say "engine ready on unix://$SOCK (log: $LOG)"
echo "export DOCKER_HOST=unix://$SOCK"
