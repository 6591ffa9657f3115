#!/usr/bin/env bash
# Cortex-M4 firmware check of primitives/ and protocol/ (portable path,
# HOPEBOX_NO_OS_RANDOM: the TRNG comes through hbox_set_randombytes).
#
# usage: tests/firmware/check_firmware.sh [-o BUILD_DIR] [--update]
#   BUILD_DIR defaults to build/firmware. --update rewrites the per-module and
#   per-function lines of tests/firmware/budgets.txt from this build.
#
# Checks, each a failure when it does not hold:
#   1. zero compiler warnings (house warning set) at -Os and at -O2 -ffreestanding;
#   2. no division instruction nor libgcc/aeabi division helper in either
#      object set (tests/scan_div.sh with arm-none-eabi-objdump);
#   3. the objects reference nothing outside themselves but memcpy, memset,
#      memmove, memcmp, strlen and the non-division __aeabi_* helpers
#      (no malloc, no stdio, no OS);
#   4. flash per module and worst-case stack per public function within
#      tests/firmware/budgets.txt (tests/firmware/fw_report.py).
# The size and stack tables are printed and written to BUILD_DIR/report.md.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bdir=$root/build/firmware
update=()
while [ $# -gt 0 ]; do
  case $1 in
    -o) bdir=$2; shift 2;;
    --update) update=(--update); shift;;
    *) echo "usage: $0 [-o BUILD_DIR] [--update]"; exit 2;;
  esac
done
for tool in arm-none-eabi-gcc arm-none-eabi-size arm-none-eabi-objdump arm-none-eabi-nm python3; do
  command -v $tool >/dev/null || {
    echo "firmware: $tool not found (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi python3)"
    exit 1; }
done

fails=0; passes=0
check() { # check NAME RC
  if [ "$2" -eq 0 ]; then passes=$((passes + 1)); echo "firmware: $1: ok";
  else fails=$((fails + 1)); echo "firmware: $1: FAILED"; fi
}

mkdir -p "$bdir"
if ! cmake -S "$root/tests/firmware" -B "$bdir" \
      --toolchain "$root/cmake/toolchains/cortex-m4.cmake" >"$bdir/configure.log" 2>&1; then
  cat "$bdir/configure.log"; echo "firmware: configure failed"; exit 1
fi
keep=(-- -k); [ -f "$bdir/build.ninja" ] && keep=(-- -k 0)
cmake --build "$bdir" --clean-first -j2 "${keep[@]}" >"$bdir/build.log" 2>&1
build_rc=$?
warn=$(grep -E ':[0-9]+:[0-9]+: (warning|error)' "$bdir/build.log" | sed "s|^$root/||" | sort -u)
if [ -n "$warn" ]; then printf '%s\n' "$warn"; fi
[ $build_rc -eq 0 ] || grep -E 'Error|error:' "$bdir/build.log" | head -20
check "build with zero warnings (-Os, -O2 -ffreestanding)" $(( build_rc != 0 || ${#warn} != 0 ))

mapfile -t os_objs < <(grep . "$bdir/objects-Os.txt")
mapfile -t o2_objs < <(grep . "$bdir/objects-O2.txt")
sh "$root/tests/scan_div.sh" arm-none-eabi-objdump "${os_objs[@]}" "${o2_objs[@]}" | grep -v 'passed, '
check "no division (udiv/sdiv, __aeabi_*div*) at -Os and -O2" "${PIPESTATUS[0]}"

# Symbols every object set may take from outside itself.
allowed='^(memcpy|memset|memmove|memcmp|strlen|__aeabi_[a-z0-9_]+)$'
bad=0
for set in Os O2; do
  mapfile -t objs < <(grep . "$bdir/objects-$set.txt")
  defined=$(arm-none-eabi-nm -g --defined-only "${objs[@]}" | awk 'NF == 3 {print $3}' | sort -u)
  undefined=$(arm-none-eabi-nm -u "${objs[@]}" | awk 'NF == 2 && $1 == "U" {print $2}' | sort -u)
  for s in $(comm -23 <(printf '%s\n' "$undefined") <(printf '%s\n' "$defined")); do
    if ! [[ $s =~ $allowed ]]; then
      echo "firmware: -$set objects reference $s (not available without an OS):"
      arm-none-eabi-nm -A -u "${objs[@]}" | grep -w "$s" | sed "s|^$bdir/||"
      bad=1
    fi
  done
done
check "external references limited to memcpy/memset/memmove/memcmp/strlen/__aeabi_*" $bad

echo
python3 "$root/tests/firmware/fw_report.py" "$bdir" "$root/tests/firmware/budgets.txt" \
  --markdown "$bdir/report.md" "${update[@]}"
check "flash and stack budgets (tests/firmware/budgets.txt)" $?

echo "firmware: $passes passed, $fails failed"
[ $fails -eq 0 ]
