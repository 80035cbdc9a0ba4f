#!/usr/bin/env bash
# Installs the Debian packages that the tests and the demo use, when missing:
#   chromium           – the browser for the end-to-end tests (Playwright drives Debian's build).
#   mosquitto          – the reference MQTT broker the MQTT benchmark compares against.
#   mosquitto-clients  – mosquitto_pub / mosquitto_sub, real clients in the MQTT integration tests.
#   python3-paho-mqtt  – Python's paho client (Debian's /usr/bin/python3), also in those tests.
# Needs root (or sudo). Without either it says what to install and carries on.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null 2>&1 || missing+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || missing+=(mosquitto-clients)
# Debian's python3 specifically: a python3 earlier on PATH (pyenv, a venv) does not see Debian's packages.
/usr/bin/python3 -c 'import paho.mqtt.client' >/dev/null 2>&1 || missing+=(python3-paho-mqtt)

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

# Debian starts a system Mosquitto on 1883, Signalboard's own MQTT port; the benchmark starts its own
# on a free port, so the service is not wanted.
if [[ " ${missing[*]} " == *" mosquitto "* ]] && command -v systemctl >/dev/null 2>&1; then
  $SUDO systemctl disable --now mosquitto.service >/dev/null 2>&1 || true
fi
