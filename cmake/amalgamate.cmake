# Single-file amalgamation of the portable library: hopebox.c + hopebox.h.
#
#   cmake -P cmake/amalgamate.cmake                    -> build/amalgamation/
#   cmake -DHB_OUT_DIR=/some/dir -P cmake/amalgamate.cmake
#
# A vendor then adds two files to a firmware or application build:
#   cc -std=c99 -c hopebox.c      (no flags needed; -DHOPEBOX_NO_OS_RANDOM for
#                                  targets without getrandom/arc4random)
#   #include "hopebox.h"          (every public declaration)
#
# hopebox.h is every public header of primitives/ and protocol/ (the umbrella
# primitives/hopebox.h first, then any public header it does not include), each
# inlined once. hopebox.c defines HOPEBOX_PORTABLE (the SIMD kernels need
# per-file target flags, which one translation unit cannot have), then every
# primitives/*.c and protocol/*.c except the SIMD twins (*_avx2.c, *_shani.c):
# first the files that set a feature-test macro such as _GNU_SOURCE (it must
# precede every system header), then the rest in name order. A private header
# (hb_*.h) is inlined where it is first included; a public one becomes
# #include "hopebox.h". The macros a .c file defines are #undef'd after it, so
# no file sees another's; file-scope static names must still be unique across
# the library (a clash is a compile error in the amalgamation test).
cmake_minimum_required(VERSION 3.21)

get_filename_component(HB_SRC "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
if(DEFINED HB_SOURCE_DIR)
  set(HB_SRC "${HB_SOURCE_DIR}")
endif()
if(NOT DEFINED HB_OUT_DIR)
  set(HB_OUT_DIR "${HB_SRC}/build/amalgamation")
endif()

file(GLOB hb_c_files LIST_DIRECTORIES false "${HB_SRC}/primitives/*.c" "${HB_SRC}/protocol/*.c")
list(FILTER hb_c_files EXCLUDE REGEX "_(avx2|shani)\\.c$")
file(GLOB hb_h_files LIST_DIRECTORIES false "${HB_SRC}/primitives/*.h" "${HB_SRC}/protocol/*.h")
list(SORT hb_c_files)
list(SORT hb_h_files)

# name.h -> full path (primitives/ and protocol/ share one namespace of headers)
foreach(h IN LISTS hb_h_files)
  get_filename_component(n "${h}" NAME)
  if(DEFINED "HB_PATH_${n}")
    message(FATAL_ERROR "amalgamate: header ${n} exists in two folders")
  endif()
  set("HB_PATH_${n}" "${h}")
endforeach()

# Single-line typedefs of one name in several files (legal in C11, not in
# C99 once they meet in one translation unit) are emitted under a guard, so
# the first one the preprocessor reaches wins, whichever #if it sits in.
set(hb_td_seen "")
set(hb_td_dup "")
foreach(f IN LISTS hb_c_files hb_h_files)
  file(STRINGS "${f}" tds REGEX "^[ \t]*(__extension__[ \t]+)?typedef[^;{]*[ \t]([A-Za-z_][A-Za-z0-9_]*)[ \t]*;")
  set(names "")
  foreach(td IN LISTS tds)
    string(REGEX REPLACE ".*[ \t]([A-Za-z_][A-Za-z0-9_]*)[ \t]*;.*" "\\1" n "${td}")
    list(APPEND names "${n}")
  endforeach()
  list(REMOVE_DUPLICATES names)
  foreach(n IN LISTS names)
    if(n IN_LIST hb_td_seen)
      list(APPEND hb_td_dup "${n}")
    endif()
    list(APPEND hb_td_seen "${n}")
  endforeach()
endforeach()

function(hb_rel path out)
  file(RELATIVE_PATH r "${HB_SRC}" "${path}")
  set(${out} "${r}" PARENT_SCOPE)
endfunction()

# Append the text of FILE to the variable named by OUT, inlining headers.
# MODE "header": public and private headers are inlined (once each).
# MODE "source": private headers are inlined once, public ones become
# #include "hopebox.h".
function(hb_expand file mode out)
  # One list element per line: ';', '\' and the square brackets (separator,
  # escape and grouping in CMake lists) become placeholders until output.
  file(READ "${file}" text)
  string(REPLACE "\\" "@HB_BS@" text "${text}")
  string(REPLACE ";" "@HB_SC@" text "${text}")
  string(REPLACE "[" "@HB_LB@" text "${text}")
  string(REPLACE "]" "@HB_RB@" text "${text}")
  string(REGEX REPLACE "\n$" "" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(acc "${${out}}")
  hb_rel("${file}" rel)
  foreach(line IN LISTS lines)
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"")
      set(n "${CMAKE_MATCH_1}")
      if(NOT DEFINED "HB_PATH_${n}")
        message(FATAL_ERROR "amalgamate: ${rel} includes \"${n}\", which is not in primitives/ or protocol/")
      endif()
      if(n MATCHES "^hb_" OR mode STREQUAL "header")
        get_property(done GLOBAL PROPERTY "HB_DONE_${mode}_${n}")
        if(NOT done)
          set_property(GLOBAL PROPERTY "HB_DONE_${mode}_${n}" 1)
          hb_rel("${HB_PATH_${n}}" hrel)
          string(APPEND acc "/* ---- ${hrel} (included from ${rel}) ---- */\n")
          set(sub "")
          hb_expand("${HB_PATH_${n}}" "${mode}" sub)
          string(APPEND acc "${sub}/* ---- end of ${hrel} ---- */\n")
        endif()
      else()
        string(APPEND acc "#include \"hopebox.h\"\n")
      endif()
    elseif(line MATCHES "^[ \t]*(__extension__[ \t]+)?typedef[^@{]*[ \t]([A-Za-z_][A-Za-z0-9_]*)[ \t]*@HB_SC@"
           AND CMAKE_MATCH_2 IN_LIST hb_td_dup)
      set(g "HB_AMALGAMATION_TYPEDEF_${CMAKE_MATCH_2}")
      string(APPEND acc "#ifndef ${g} /* also defined in another file */\n#define ${g}\n${line}\n#endif\n")
    else()
      string(APPEND acc "${line}\n")
    endif()
  endforeach()
  set(${out} "${acc}" PARENT_SCOPE)
endfunction()

set(banner "/*\n * Amalgamated hopebox (portable path), generated by cmake/amalgamate.cmake\n * from primitives/ and protocol/. Do not edit: change the sources and\n * regenerate.\n */\n")

# ---------------------------------------------------------------- hopebox.h
set(hdr "${banner}#ifndef HOPEBOX_AMALGAMATION_H\n#define HOPEBOX_AMALGAMATION_H\n\n")
set_property(GLOBAL PROPERTY "HB_DONE_header_hopebox.h" 1)
hb_expand("${HB_SRC}/primitives/hopebox.h" header hdr)
foreach(h IN LISTS hb_h_files)
  get_filename_component(n "${h}" NAME)
  get_property(done GLOBAL PROPERTY "HB_DONE_header_${n}")
  if(NOT n MATCHES "^hb_" AND NOT done)
    set_property(GLOBAL PROPERTY "HB_DONE_header_${n}" 1)
    hb_rel("${h}" hrel)
    string(APPEND hdr "\n/* ---- ${hrel} ---- */\n")
    hb_expand("${h}" header hdr)
  endif()
endforeach()
string(APPEND hdr "\n#endif /* HOPEBOX_AMALGAMATION_H */\n")

# ---------------------------------------------------------------- hopebox.c
set(first "")
set(rest "")
foreach(c IN LISTS hb_c_files)
  file(STRINGS "${c}" fm REGEX "^[ \t]*#[ \t]*define[ \t]+_[A-Z0-9_]*SOURCE")
  if(fm)
    list(APPEND first "${c}")
  else()
    list(APPEND rest "${c}")
  endif()
endforeach()

set(src "${banner}
/* The amalgamation is the portable path (see cmake/amalgamate.cmake). */
#ifndef HOPEBOX_PORTABLE
#define HOPEBOX_PORTABLE 1
#endif
/* The private headers' static inline helpers now sit in the main file, where
 * clang (unlike gcc) reports the ones this library build does not call. */
#if defined(__clang__)
#pragma clang diagnostic ignored \"-Wunused-function\"
#endif
")
foreach(c IN LISTS first rest)
  hb_rel("${c}" rel)
  string(APPEND src "\n/* ================================================================ ${rel} */\n")
  hb_expand("${c}" source src)
  file(STRINGS "${c}" defs REGEX "^[ \t]*#[ \t]*define[ \t]+[A-Za-z_][A-Za-z0-9_]*")
  set(undefs "")
  foreach(d IN LISTS defs)
    string(REGEX REPLACE "^[ \t]*#[ \t]*define[ \t]+([A-Za-z_][A-Za-z0-9_]*).*" "\\1" m "${d}")
    if(NOT m MATCHES "^_[A-Z0-9_]*SOURCE$")
      list(APPEND undefs "${m}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES undefs)
  foreach(m IN LISTS undefs)
    string(APPEND src "#undef ${m}\n")
  endforeach()
endforeach()

foreach(v hdr src)
  string(REPLACE "@HB_LB@" "[" ${v} "${${v}}")
  string(REPLACE "@HB_RB@" "]" ${v} "${${v}}")
  string(REPLACE "@HB_SC@" ";" ${v} "${${v}}")
  string(REPLACE "@HB_BS@" "\\" ${v} "${${v}}")
endforeach()
file(MAKE_DIRECTORY "${HB_OUT_DIR}")
# Write through a temporary so an unchanged result keeps its timestamp.
file(WRITE "${HB_OUT_DIR}/hopebox.h.tmp" "${hdr}")
file(WRITE "${HB_OUT_DIR}/hopebox.c.tmp" "${src}")
file(COPY_FILE "${HB_OUT_DIR}/hopebox.h.tmp" "${HB_OUT_DIR}/hopebox.h" ONLY_IF_DIFFERENT)
file(COPY_FILE "${HB_OUT_DIR}/hopebox.c.tmp" "${HB_OUT_DIR}/hopebox.c" ONLY_IF_DIFFERENT)
file(REMOVE "${HB_OUT_DIR}/hopebox.h.tmp" "${HB_OUT_DIR}/hopebox.c.tmp")
list(LENGTH hb_c_files nc)
message(STATUS "amalgamate: ${nc} source files -> ${HB_OUT_DIR}/hopebox.c, hopebox.h")
