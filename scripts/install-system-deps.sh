#!/usr/bin/env bash
# Installs the Debian packages that the tests and the demo use, when missing:
#   chromium        – the browser for the end-to-end tests (Playwright drives Debian's build).
#   docker.io       – a real Docker engine (dockerd) for the container-log tests and the log simulator.
#   busybox-static  – the static busybox that scripts/docker-image.sh turns into localhost/busybox:latest.
#   redis-server    – Redis for the several-instances tests (each test starts its own on a private port).
# Needs root (or sudo). Without either it says what to install and carries on.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# Debian's busybox-static replaces the dynamic busybox at /bin/busybox; ldd tells them apart.
if ! [ -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then missing+=(busybox-static); fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Please install these Debian packages: ${missing[*]} (apt-get install ${missing[*]})" >&2
  exit 0
fi

echo "Installing ${missing[*]} from Debian…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
