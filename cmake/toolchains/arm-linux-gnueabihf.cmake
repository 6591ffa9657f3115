# Cross toolchain: 32-bit ARM Linux (ARMv7-A, hard float), run under qemu-user.
# Debian: gcc-arm-linux-gnueabihf libc6-dev-armhf-cross qemu-user.
#   cmake -S . -B build/armhf --toolchain cmake/toolchains/arm-linux-gnueabihf.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR armv7l)
set(HB_CROSS_TRIPLE arm-linux-gnueabihf)
set(CMAKE_C_COMPILER ${HB_CROSS_TRIPLE}-gcc)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-arm -L /usr/${HB_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH /usr/${HB_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# pkg-config must not hand the host's libraries (libsodium) to the target link.
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${HB_CROSS_TRIPLE}/pkgconfig:/usr/${HB_CROSS_TRIPLE}/lib/pkgconfig")
