#!/bin/sh
# SPDX-License-Identifier: MIT
# Set up a fresh Debian 12 machine and build smskit, then run one job:
#   ./quickstart.sh demo   the text core on the sample texts in tools/samples
#   ./quickstart.sh test   the whole test suite (make check)
# Installs the Debian packages that are missing (as root, or through sudo),
# runs autoreconf and configure in ./build, and builds there.
set -eu

job=${1:-}
case "$job" in
  demo|test) ;;
  *) echo "usage: $0 demo|test" >&2; exit 2 ;;
esac

top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

packages="autoconf automake libtool pkg-config make gcc libc6-dev binutils
  libicu-dev zlib1g-dev libcriterion-dev python3 clang libclang-rt-14-dev xz-utils"

missing=
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "quickstart: installing$missing"
  if [ "$(id -u)" -eq 0 ]; then sudo=; else sudo=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq || true
  # shellcheck disable=SC2086
  $sudo apt-get install -y -qq --no-install-recommends $missing
fi

if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt configure ]; then
  autoreconf -fi
fi
mkdir -p build
cd build
if [ ! -f Makefile ] || [ ../configure -nt config.status ]; then
  ../configure --enable-werror
fi
jobs=$(nproc 2>/dev/null || echo 2)
make -j"$jobs"

case "$job" in
  demo) make -s demo ;;
  test) make -j"$jobs" check ;;
esac
