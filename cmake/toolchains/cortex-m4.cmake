# Bare-metal toolchain: ARM Cortex-M4 (Thumb-2, no OS), for the firmware
# size/stack build in tests/firmware/ (objects only: nothing is linked or run).
# Debian: gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi.
#   cmake -S tests/firmware -B build/firmware --toolchain cmake/toolchains/cortex-m4.cmake
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR cortex-m4)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_C_FLAGS_INIT "-mcpu=cortex-m4 -mthumb")
# There is no OS to run a test program on: let CMake's compiler check build a
# static library instead of an executable.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
