#!/usr/bin/env bash
# Builds localhost/busybox:latest from Debian's busybox-static (no registry is needed): a root file
# system with /bin/busybox and a link per applet, imported as an image. Idempotent: an existing image
# is kept (pass --force to rebuild it).
#
#   DOCKER_HOST=unix:///tmp/signalboard-docker/docker.sock bash scripts/docker-image.sh
set -euo pipefail

IMAGE="${SIGNALBOARD_LOG_IMAGE:-localhost/busybox:latest}"
BUSYBOX="${BUSYBOX:-/bin/busybox}"

say() { echo "[docker-image] $*" >&2; }

if ! command -v docker >/dev/null 2>&1; then
  say "no docker client found: install Debian's docker.io"
  exit 1
fi
if ! docker version >/dev/null 2>&1; then
  say "no engine answers at ${DOCKER_HOST:-the default socket}; start one with scripts/docker-start.sh"
  exit 1
fi
if [ "${1:-}" != "--force" ] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE already present"
  exit 0
fi
# busybox-static is linked statically, so the image needs nothing else; a dynamic busybox would not run.
if ! "$BUSYBOX" --list >/dev/null 2>&1; then
  say "$BUSYBOX is missing: install Debian's busybox-static"
  exit 1
fi
if command -v ldd >/dev/null 2>&1 && ldd "$BUSYBOX" >/dev/null 2>&1; then
  say "$BUSYBOX is dynamically linked: install Debian's busybox-static (it replaces busybox)"
  exit 1
fi

rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/proc" "$rootfs/sys" "$rootfs/dev" "$rootfs/etc"
cp "$BUSYBOX" "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
done
echo 'root:x:0:0:root:/:/bin/sh' >"$rootfs/etc/passwd"
echo 'root:x:0:' >"$rootfs/etc/group"
chmod 1777 "$rootfs/tmp"

tar -C "$rootfs" -c . | docker import \
  --change 'ENV PATH=/bin' \
  --change 'CMD ["/bin/sh"]' \
  - "$IMAGE" >/dev/null
say "built $IMAGE from $BUSYBOX"
