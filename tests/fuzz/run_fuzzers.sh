#!/bin/sh
# Build every tests/fuzz/fuzz_*.c with clang's libFuzzer + ASan + UBSan and
# run each for a bounded time, starting from (and adding to a scratch copy
# of) its committed corpus. Skips cleanly when clang or its fuzzer runtime
# is missing. usage: run_fuzzers.sh [SECONDS_PER_TARGET]
set -eu
secs=${1:-20}
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${FUZZ_OUT:-$top/build/fuzz}
mkdir -p "$out"
if ! command -v clang >/dev/null 2>&1; then
  echo "run_fuzzers: clang not found: skipped"; exit 0
fi
probe="$out/probe.c"
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){(void)d;(void)n;return 0;}' > "$probe"
if ! clang -fsanitize=fuzzer "$probe" -o "$out/probe" 2>/dev/null; then
  echo "run_fuzzers: no libFuzzer runtime: skipped"; exit 0
fi
lib_src=$(ls "$top"/primitives/*.c "$top"/protocol/*.c 2>/dev/null | grep -v '_avx2\.c$' || true)
rc=0
for f in "$top"/tests/fuzz/fuzz_*.c; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .c); short=${name#fuzz_}
  extra=""
  case $short in
  diff_*) # differential targets link libsodium
    if ! pkg-config --exists libsodium 2>/dev/null; then
      echo "fuzz $short: libsodium not found: skipped"; continue
    fi
    extra=$(pkg-config --cflags --libs libsodium) ;;
  esac
  # shellcheck disable=SC2086 # $extra is a list of flags
  clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -DHOPEBOX_PORTABLE=1 \
    -I"$top/primitives" -I"$top/protocol" -I"$top/tests/common" \
    "$f" $lib_src "$top/tests/common/testutil.c" $extra -o "$out/$name"
  corpus="$out/corpus-$short"; rm -rf "$corpus"; mkdir -p "$corpus"
  [ -d "$top/tests/fuzz/corpus/$short" ] && cp "$top/tests/fuzz/corpus/$short"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz $short for ${secs}s"
  if ! (cd "$out" && "./$name" -max_total_time="$secs" -print_final_stats=0 "$corpus" 2>"$out/$name.log"); then
    echo "fuzz $short: FAILED (see $out/$name.log and the crash-* file in $out)"; tail -30 "$out/$name.log"; rc=1
  fi
done
exit $rc
