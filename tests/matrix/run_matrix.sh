#!/usr/bin/env bash
# Constant-time compiler matrix: the valgrind ct tests (CTest label ct, which
# also holds no_div, the division scan of the build's objects and of an -Os
# copy) for each compiler x optimisation level x code path.
#
# usage: tests/matrix/run_matrix.sh [-o BUILD_ROOT] [-c "gcc clang"]
#                                   [-l "-O1 -O2 -O3 -Os"] [-p "portable simd"]
#                                   [-s "gcc-O3-simd ..."] [-C "gcc-O1-simd ..."]
#   BUILD_ROOT defaults to build/matrix (one directory per cell).
#   -p: portable = HOPEBOX_PORTABLE=ON; simd = the default build, whose
#   dispatcher picks the *_avx2.c kernels under valgrind (valgrind runs AVX2,
#   not AVX-512). Default: "portable", plus "simd" once primitives/ or
#   protocol/ holds a *_avx2.c file.
#   -s: cells to skip, named CC-LEVEL-PATH (e.g. those another CI step
#   already runs: the release, clang and minsize presets are gcc-O3-simd,
#   clang-O3-simd and gcc-Os-simd).
#   -C: run only these cells (CC-LEVEL-PATH names), in this order.
#
# The -O level replaces CMAKE_C_FLAGS_RELEASE (library, tests and no_div's
# main object set); -g -gdwarf-4 keeps valgrind's reports readable.
# Prints one line per cell and exits 1 if any cell fails.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/matrix
compilers="gcc clang"
levels="-O1 -O2 -O3 -Os"
paths=""
skip=""
only=""
while [ $# -gt 0 ]; do
  case $1 in
    -o) out=$2; shift 2;;
    -c) compilers=$2; shift 2;;
    -l) levels=$2; shift 2;;
    -p) paths=$2; shift 2;;
    -s) skip=" $2 "; shift 2;;
    -C) only=$2; shift 2;;
    *) echo "usage: $0 [-o DIR] [-c COMPILERS] [-l LEVELS] [-p PATHS] [-s CELLS] [-C CELLS]"; exit 2;;
  esac
done
if [ -z "$paths" ]; then
  paths=portable
  if compgen -G "$root/primitives/*_avx2.c" >/dev/null || compgen -G "$root/protocol/*_avx2.c" >/dev/null; then
    paths="portable simd"
  fi
fi
command -v valgrind >/dev/null || { echo "matrix: valgrind not found"; exit 1; }

cells=()
if [ -n "$only" ]; then
  read -r -a cells <<<"$only"
else
  for cc in $compilers; do
    for o in $levels; do
      for p in $paths; do
        case $skip in *" $cc$o-$p "*) ;; *) cells+=("$cc$o-$p");; esac
      done
    done
  done
fi

status=0
results=()
for name in "${cells[@]}"; do
  cc=${name%%-*}; rest=${name#*-}; o=-${rest%%-*}; p=${rest#*-}
  case $p in portable|simd) ;; *) echo "matrix: bad cell $name (want CC-LEVEL-PATH)"; exit 2;; esac
  cell="$cc ${o} $p"
  bdir=$out/$name
  portable=ON; [ "$p" = simd ] && portable=OFF
  t0=$(date +%s)
  mkdir -p "$bdir"
  if ! cmake -S "$root" -B "$bdir" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Release \
        "-DCMAKE_C_FLAGS_RELEASE=$o -g -gdwarf-4" -DHOPEBOX_PORTABLE=$portable \
        -DHOPEBOX_BENCH=OFF -DHOPEBOX_WERROR=OFF >"$bdir/configure.log" 2>&1; then
    cat "$bdir/configure.log"; results+=("$cell: CONFIGURE FAILED"); status=1; continue
  fi
  # Only what the ct label runs: the ct_* programs and the objects no_div scans.
  targets=$(ctest --test-dir "$bdir" -N -L ct | sed -n 's/^ *Test *#[0-9]*: \(ct_[A-Za-z0-9_]*\)$/\1/p')
  if ! cmake --build "$bdir" -j2 --target hopebox hb_objects_os $targets >"$bdir/build.log" 2>&1; then
    grep -E 'error' "$bdir/build.log" | head -20
    results+=("$cell: BUILD FAILED"); status=1; continue
  fi
  ctest --test-dir "$bdir" -L ct -j2 --output-on-failure >"$bdir/ctest.log" 2>&1
  rc=$?
  line=$(grep -E 'tests passed' "$bdir/ctest.log" | tail -1)
  skipped=$(grep -c '(Skipped)' "$bdir/ctest.log")
  if [ $rc -ne 0 ] || [ "$skipped" -ne 0 ]; then
    status=1
    sed -n '/The following tests/,$p' "$bdir/ctest.log"
    grep -B2 -A12 -E 'Conditional jump|uninitialised|no_div:|: <' "$bdir/ctest.log" | head -60
  fi
  results+=("$cell: ${line:-no tests ran}, $skipped skipped ($(( $(date +%s) - t0 )) s)")
  echo "matrix: ${results[-1]}"
done
echo
echo "=== ct matrix summary"
printf '%s\n' "${results[@]}"
ok=$(printf '%s\n' "${results[@]}" | grep -c '100% tests passed.*, 0 skipped')
echo "matrix: $ok passed, $(( ${#results[@]} - ok )) failed"
exit $status
