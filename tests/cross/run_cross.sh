#!/usr/bin/env bash
# Cross-architecture run: build hopebox-kat and the unit tests for other
# targets and run them (under qemu-user where the host cannot run them) via
# CMAKE_CROSSCOMPILING_EMULATOR. The ct label still runs no_div, here on the
# target's own objects (i686: libgcc's __udivdi3/__umoddi3 calls count);
# the valgrind tests report "skipped" when cross-compiling.
#
# usage: tests/cross/run_cross.sh [-o BUILD_ROOT] [-x REGEX] [TARGET...]
#   TARGET: s390x (64-bit big-endian), i686 (32-bit little-endian, no
#   __int128), armhf (32-bit ARMv7-A). Default: s390x i686.
#   BUILD_ROOT defaults to build/cross; each target builds in BUILD_ROOT/TARGET.
#   -x REGEX: leave out the tests whose names match (ctest -E), e.g. the
#   exhaustive ones that take minutes under qemu; default: run every test.
#
# Fails (exit 1) when a target does not build, when any test fails, or when
# the library (primitives/, protocol/) compiles with a warning on that target:
# each warning is printed as file:line: message, the usual sign of a 32-bit or
# big-endian assumption.
#
# Debian packages: qemu-user gcc-s390x-linux-gnu libc6-dev-s390x-cross
# gcc-i686-linux-gnu libc6-dev-i386-cross gcc-arm-linux-gnueabihf
# libc6-dev-armhf-cross.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/cross
exclude=()
while [ $# -gt 0 ]; do
  case $1 in
    -o) out=$2; shift 2;;
    -x) exclude=(-E "$2"); shift 2;;
    -*) echo "usage: $0 [-o BUILD_ROOT] [-x REGEX] [TARGET...]"; exit 2;;
    *) break;;
  esac
done
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(s390x i686)

toolchain_of() {
  case $1 in
    s390x) echo s390x;;
    i686) echo i686;;
    armhf) echo arm-linux-gnueabihf;;
    *) return 1;;
  esac
}

status=0
summary=()
for t in "${targets[@]}"; do
  tc=$(toolchain_of "$t") || { echo "cross: unknown target $t"; exit 2; }
  tcfile=$root/cmake/toolchains/$tc.cmake
  triple=$(sed -n 's/^set(HB_CROSS_TRIPLE \(.*\))$/\1/p' "$tcfile")
  bdir=$out/$t
  echo "=== cross $t ($triple) in $bdir"
  if ! command -v "$triple-gcc" >/dev/null; then
    echo "cross $t: $triple-gcc not found (apt-get install gcc-$triple)"
    summary+=("$t: NOT BUILT (no compiler)"); status=1; continue
  fi
  extra=()
  if [ "$t" = i686 ]; then
    # i686 programs run natively on an x86-64 kernel with IA-32 support;
    # otherwise fall back to qemu-i386.
    probe=$(mktemp -d)
    printf 'int main(void){return 0;}\n' >"$probe/p.c"
    if ! { "$triple-gcc" "$probe/p.c" -o "$probe/p" && "$probe/p"; } 2>/dev/null; then
      extra+=("-DCMAKE_CROSSCOMPILING_EMULATOR=qemu-i386;-L;/usr/$triple")
      echo "cross i686: host cannot run 32-bit programs, using qemu-i386"
    fi
    rm -rf "$probe"
  fi
  mkdir -p "$bdir"
  if ! cmake -S "$root" -B "$bdir" --toolchain "$tcfile" -DCMAKE_BUILD_TYPE=Release \
        -DHOPEBOX_WERROR=OFF -DHOPEBOX_BENCH=OFF "${extra[@]}" >"$bdir/configure.log" 2>&1; then
    cat "$bdir/configure.log"
    summary+=("$t: CONFIGURE FAILED"); status=1; continue
  fi
  # Build everything that builds (-k): one broken test file must not hide
  # the results of the others.
  keep=(-- -k); [ -f "$bdir/build.ninja" ] && keep=(-- -k 0)
  cmake --build "$bdir" -j2 "${keep[@]}" >"$bdir/build.log" 2>&1
  build_rc=$?
  warn=$(grep -E '^[^ ]*/(primitives|protocol)/[^ ]*:[0-9]+:[0-9]+: (warning|error)' "$bdir/build.log" \
         | sed "s|^$root/||" | sort -u)
  nwarn=0
  if [ -n "$warn" ]; then
    nwarn=$(printf '%s\n' "$warn" | wc -l)
    echo "cross $t: library warnings on this target:"
    printf '  %s\n' "$warn"
    status=1
  fi
  if [ $build_rc -ne 0 ]; then
    echo "cross $t: build failed:"
    grep -E 'error|Error' "$bdir/build.log" | head -30
    status=1
  fi
  ctest --test-dir "$bdir" -j2 --output-on-failure "${exclude[@]}" >"$bdir/ctest.log" 2>&1
  test_rc=$?
  grep -E 'tests passed|\*\*\*|Failed|Not Run|Timeout' "$bdir/ctest.log" | grep -v 'Skipped'
  [ $test_rc -eq 0 ] || { status=1; sed -n '/The following tests FAILED/,$p' "$bdir/ctest.log"; }
  line=$(grep -E 'tests passed' "$bdir/ctest.log" | tail -1)
  summary+=("$t: ${line:-no tests ran}; library warnings: $nwarn; build rc $build_rc")
done

echo
echo "=== cross summary"
printf '%s\n' "${summary[@]}"
n_ok=0; n_bad=0
for s in "${summary[@]}"; do
  case $s in *"100% tests passed"*"warnings: 0; build rc 0") n_ok=$((n_ok + 1));; *) n_bad=$((n_bad + 1));; esac
done
echo "cross: $n_ok passed, $n_bad failed"
exit $status
