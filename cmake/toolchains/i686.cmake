# Cross toolchain: i686 Linux (32-bit little-endian, no __int128).
# Debian: gcc-i686-linux-gnu libc6-dev-i386-cross.
#   cmake -S . -B build/i686 --toolchain cmake/toolchains/i686.cmake
# An x86-64 kernel runs i686 programs natively, so no emulator is set; on a
# kernel without IA-32 support pass
#   -DCMAKE_CROSSCOMPILING_EMULATOR="qemu-i386;-L;/usr/i686-linux-gnu"
# (tests/cross/run_cross.sh does this when a probe program fails to start).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(HB_CROSS_TRIPLE i686-linux-gnu)
set(CMAKE_C_COMPILER ${HB_CROSS_TRIPLE}-gcc)
set(CMAKE_FIND_ROOT_PATH /usr/${HB_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config must not hand the host's libraries (libsodium) to the target link.
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${HB_CROSS_TRIPLE}/pkgconfig:/usr/${HB_CROSS_TRIPLE}/lib/pkgconfig")
