#!/bin/sh
# Namespace and dependency check of the library objects (nm):
#   - every symbol an object defines globally starts with hbox_ (the API) or
#     hb_ (internal, non-static); compiler-generated helpers are let through
#     (__x86.get_pc_thunk.* on i686, sanitizer instrumentation);
#   - no object references the heap (malloc, free, calloc, realloc, ...),
#     stdio (printf and friends, puts), exit/abort or assert.
# usage: check_symbols.sh NM OBJECT...
NM=${1:-nm}
shift
rc=0
tmp=${TMPDIR:-/tmp}/hb_symbols.$$
"$NM" -A -g "$@" >"$tmp" 2>/dev/null || { echo "symbols: $NM failed"; rc=1; }
awk '
  # "file: [address] TYPE name" (address absent for undefined symbols)
  { name = $NF; type = $(NF - 1); file = $1; sub(/:[0-9a-fA-F]*$/, "", file) }
  type == "U" {
    if (name ~ /^(malloc|free|calloc|realloc|reallocarray|aligned_alloc|posix_memalign|memalign|valloc|strdup|strndup|v?[fsd]?n?printf|__v?[fsd]?n?printf_chk|puts|fputs|putchar|fputc|fwrite|perror|exit|_exit|_Exit|abort|__assert_fail|__assert|atexit)$/) {
      print "symbols: " file " references " name; bad = 1 }
    next
  }
  name ~ /^(hbox_|hb_)/ { defs++; next }
  name ~ /^(__x86\.get_pc_thunk\.|__odr_asan|__asan_|__ubsan_|__sancov_)/ { next }
  { print "symbols: " file " exports " name " (not hbox_/hb_: make it static or rename)"; bad = 1 }
  END { printf "symbols: %d global definitions checked\n", defs; exit bad }
' "$tmp" || rc=1
rm -f "$tmp"
if [ "$rc" -eq 0 ]; then
  echo "symbols: $# objects, exports hbox_/hb_ only, no heap/stdio/exit/abort references"
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
fi
exit $rc
