# Cross toolchain: s390x Linux (64-bit big-endian), run under qemu-user.
# Debian: gcc-s390x-linux-gnu libc6-dev-s390x-cross qemu-user.
#   cmake -S . -B build/s390x --toolchain cmake/toolchains/s390x.cmake
# CTest runs every test program through CMAKE_CROSSCOMPILING_EMULATOR
# (binfmt_misc is not relied on; -L points qemu at the target's libc).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR s390x)
set(HB_CROSS_TRIPLE s390x-linux-gnu)
set(CMAKE_C_COMPILER ${HB_CROSS_TRIPLE}-gcc)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-s390x -L /usr/${HB_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH /usr/${HB_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config must not hand the host's libraries (libsodium) to the target link.
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${HB_CROSS_TRIPLE}/pkgconfig:/usr/${HB_CROSS_TRIPLE}/lib/pkgconfig")
