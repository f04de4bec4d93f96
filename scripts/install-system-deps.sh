#!/usr/bin/env bash
# System packages the test suite needs and pip cannot provide: a Java runtime for PySpark and
# Debian's Chromium for the browser tests. Installs only what is missing; never downloads
# anything but Debian packages. Tests that need a missing one skip with the reason.
set -u
need=()
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "install-system-deps: not root and no sudo; missing: ${need[*]} (their tests will skip)" >&2
  exit 0
fi
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
echo "install-system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || echo "install-system-deps: apt-get update failed" >&2
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1 \
  || echo "install-system-deps: could not install ${need[*]} (their tests will skip)" >&2
exit 0
