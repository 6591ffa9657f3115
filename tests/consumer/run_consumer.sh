#!/usr/bin/env bash
# Packaging check:
#   1. the library and its tests with -DBUILD_SHARED_LIBS=ON;
#   2. cmake --install of that build into a temporary prefix, then
#      tests/consumer built with find_package(hopebox) against the prefix;
#   3. the same program built with pkg-config (hopebox.pc) from the prefix;
#   4. tests/consumer built with add_subdirectory(<source tree>).
# usage: tests/consumer/run_consumer.sh [-o BUILD_ROOT] [-a]   (default build/consumer)
#   The shared build runs every CTest label but ct (valgrind, run by every
#   other CI build); -a runs ct too.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/consumer
lexcl=(-LE '^ct$')
while [ $# -gt 0 ]; do
  case $1 in
    -o) out=$2; shift 2;;
    -a) lexcl=(); shift;;
    *) echo "usage: $0 [-o BUILD_ROOT] [-a]"; exit 2;;
  esac
done
cc=${CC:-cc}
rm -rf "$out/prefix" "$out/pkg" "$out/subdir" "$out/pkgconfig"
mkdir -p "$out"
passes=0; fails=0
step() { # step NAME COMMAND...: run, log to $out/NAME.log, show the log on failure
  local name=$1; shift
  if "$@" >"$out/$name.log" 2>&1; then
    passes=$((passes + 1)); echo "consumer: $name: ok"
  else
    fails=$((fails + 1)); echo "consumer: $name: FAILED"; tail -40 "$out/$name.log"
  fi
}

shared=$out/shared
step shared-configure cmake -S "$root" -B "$shared" -DCMAKE_BUILD_TYPE=Release \
  -DBUILD_SHARED_LIBS=ON -DHOPEBOX_BENCH=OFF -DHOPEBOX_WERROR=OFF \
  -DCMAKE_INSTALL_PREFIX="$out/prefix"
step shared-build cmake --build "$shared" -j2
if [ -n "$(find "$shared" -maxdepth 1 -name 'libhopebox.so*' -print -quit)" ]; then
  passes=$((passes + 1)); echo "consumer: shared library built: $(cd "$shared" && ls libhopebox.so.*.*)"
else
  fails=$((fails + 1)); echo "consumer: no libhopebox.so in $shared"
fi
step shared-ctest ctest --test-dir "$shared" -j2 --output-on-failure "${lexcl[@]}"
grep -E 'tests passed' "$out/shared-ctest.log"
step install cmake --install "$shared"

step find_package-configure cmake -S "$root/tests/consumer" -B "$out/pkg" \
  -DHOPEBOX_CONSUMER_MODE=package -DCMAKE_PREFIX_PATH="$out/prefix"
step find_package-build cmake --build "$out/pkg"
step find_package-run "$out/pkg/consumer"

pcdir=$(dirname "$(find "$out/prefix" -name hopebox.pc | head -1)")
mkdir -p "$out/pkgconfig"
pkgcfg() { PKG_CONFIG_PATH=$pcdir pkg-config "$@"; }
step pkg-config-build sh -c "$cc -std=c99 -Wall -Wextra -Werror $(pkgcfg --cflags hopebox) \
  '$root/tests/consumer/consumer.c' -o '$out/pkgconfig/consumer' $(pkgcfg --libs hopebox)"
step pkg-config-run env LD_LIBRARY_PATH="$(pkgcfg --variable=libdir hopebox)" "$out/pkgconfig/consumer"

step add_subdirectory-configure cmake -S "$root/tests/consumer" -B "$out/subdir" \
  -DHOPEBOX_CONSUMER_MODE=subdirectory -DHOPEBOX_SOURCE_DIR="$root"
step add_subdirectory-build cmake --build "$out/subdir" -j2
step add_subdirectory-run "$out/subdir/consumer"

echo "consumer: $passes passed, $fails failed"
[ $fails -eq 0 ]
