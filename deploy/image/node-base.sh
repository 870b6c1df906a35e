#!/usr/bin/env bash
# Makes the Node 20 base image the Dockerfile builds FROM, without a registry:
# a Debian bookworm minbase root file system (debootstrap) with this machine's
# own Node binary and npm copied in, imported into Podman's local storage.
#
#   deploy/image/node-base.sh [IMAGE]     default IMAGE: localhost/cascade-node:20-bookworm
#
# Does nothing when IMAGE already exists (delete it with `podman rmi` to remake it).
# Where a registry is reachable, build FROM docker.io/library/node:20-bookworm-slim instead.
# Needs root, debootstrap and podman (.ci/apt.d/deploy.txt).
set -euo pipefail

image=${1:-localhost/cascade-node:20-bookworm}
if podman image exists "$image"; then
  echo "base image $image exists"
  exit 0
fi

node_bin=$(command -v node)
npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
rootfs=$(mktemp -d /var/tmp/cascade-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT

echo "debootstrap bookworm (minbase) into $rootfs"
debootstrap --variant=minbase bookworm "$rootfs" >"$rootfs.log" 2>&1 || {
  tail -n 30 "$rootfs.log" >&2
  exit 1
}
rm -f "$rootfs.log"
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

# The same layout as the official node image: node and npm under /usr/local, user node (1000).
install -m 0755 "$node_bin" "$rootfs/usr/local/bin/node"
mkdir -p "$rootfs/usr/local/lib/node_modules"
cp -a "$npm_dir" "$rootfs/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
chroot "$rootfs" /usr/sbin/groupadd --gid 1000 node
chroot "$rootfs" /usr/sbin/useradd --uid 1000 --gid node --create-home --shell /bin/bash node
chroot "$rootfs" /usr/local/bin/node --version >/dev/null

tar -C "$rootfs" -c . | podman import --change 'CMD ["node"]' - "$image" >/dev/null
echo "base image $image made ($(chroot "$rootfs" /usr/local/bin/node --version))"
