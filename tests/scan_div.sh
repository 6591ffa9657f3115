#!/bin/sh
# Fail when any library object contains a division instruction (x86, ARM,
# s390x mnemonics) or a call to a compiler division helper. The library has no public-data division either,
# so the scan needs no allow-list: every hit is a bug (secret dividends are
# the KyberSlash pattern; valgrind cannot see them).
# usage: scan_div.sh OBJDUMP OBJECT...
OBJDUMP=${1:-objdump}
shift
rc=0
n=0
for f in "$@"; do
  n=$((n + 1))
  if [ ! -s "$f" ]; then
    echo "scan_div: missing object $f"
    rc=1
    continue
  fi
  "$OBJDUMP" -dr --no-show-raw-insn "$f" | awk -v F="$f" '
    /^[0-9a-f]+ <.*>:$/ { fn = $2 }
    /\t(i?div[bwlq]?|[us]div|v?div[sp][sd])[ \t]/ ||
    /\t(d|dr|dl|dlr|dlg|dlgr|dsg|dsgr|dsgf|dsgfr)[ \t]/ ||
    /__aeabi_[ui]*l?div(mod)?|__u?(div|mod)[sd]i3|__udivmod[sd]i4/ {
        sub(/^[ \t]+/, ""); print F ": " fn " " $0; bad = 1 }
    END { exit bad }' || rc=1
done
if [ "$rc" -eq 0 ]; then
  echo "no_div: $n objects scanned, no division"
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
fi
exit $rc
