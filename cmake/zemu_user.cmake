# Linux user mode front end (`zemu [opts] PROGRAM [ARGS...]`, like qemu-s390x)
# and its end-to-end tests.
#
# The library target is already called `zemu`, so the executable's target is
# `zemu-user` with OUTPUT_NAME zemu: the binary is ${build}/zemu (build it
# with `cmake --build DIR --target zemu-user`, or the default `all`).
add_executable(zemu-user tools/zemu.c)
set_target_properties(zemu-user PROPERTIES OUTPUT_NAME zemu)
target_link_libraries(zemu-user zemu)
target_compile_options(zemu-user PRIVATE ${ZEMU_LTO_LINK})
target_link_options(zemu-user PRIVATE ${ZEMU_LTO_LINK})

# -d in_asm disassembles with capstone when it is installed (optional).
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(ZEMU_CAPSTONE QUIET capstone)
endif()
if(ZEMU_CAPSTONE_FOUND)
  target_include_directories(zemu-user PRIVATE ${ZEMU_CAPSTONE_INCLUDE_DIRS})
  target_link_libraries(zemu-user ${ZEMU_CAPSTONE_LDFLAGS})
  target_compile_definitions(zemu-user PRIVATE ZEMU_HAVE_CAPSTONE)
endif()

# End-to-end: tests/guest/user/*.c built with the s390x cross compiler
# (static, and dynamic run with -L SYSROOT), run under zemu; stdout and the
# exit status are compared with expectations verified on qemu-s390x.
find_program(ZEMU_USER_S390X_CC NAMES s390x-linux-gnu-gcc)
if(NOT DEFINED ZEMU_S390X_SYSROOT)
  set(ZEMU_S390X_SYSROOT "/usr/s390x-linux-gnu" CACHE PATH "s390x sysroot for -L")
endif()
set(_zu_src ${CMAKE_SOURCE_DIR}/tests/guest/user)
set(_zu_bin ${CMAKE_BINARY_DIR}/guest-user)
set(_zu_check ${CMAKE_SOURCE_DIR}/cmake/zemu_user_check.cmake)

if(ZEMU_USER_S390X_CC)
  set(_zu_flags -O2 -march=z196)
  add_custom_command(
    OUTPUT ${_zu_bin}/hello_static ${_zu_bin}/hello_dyn ${_zu_bin}/status_static
           ${_zu_bin}/mix_static ${_zu_bin}/mix_dyn
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_zu_bin}
    COMMAND ${ZEMU_USER_S390X_CC} ${_zu_flags} -static -o ${_zu_bin}/hello_static ${_zu_src}/hello.c
    COMMAND ${ZEMU_USER_S390X_CC} ${_zu_flags} -o ${_zu_bin}/hello_dyn ${_zu_src}/hello.c
    COMMAND ${ZEMU_USER_S390X_CC} ${_zu_flags} -static -o ${_zu_bin}/status_static ${_zu_src}/status.c
    COMMAND ${ZEMU_USER_S390X_CC} ${_zu_flags} -static -o ${_zu_bin}/mix_static ${_zu_src}/mix.c -lm
    COMMAND ${ZEMU_USER_S390X_CC} ${_zu_flags} -o ${_zu_bin}/mix_dyn ${_zu_src}/mix.c -lm
    DEPENDS ${_zu_src}/hello.c ${_zu_src}/status.c ${_zu_src}/mix.c
    COMMENT "Building s390x guest programs for the user-mode end-to-end tests"
    VERBATIM)
  add_custom_target(zemu_user_guests ALL
    DEPENDS ${_zu_bin}/hello_static ${_zu_bin}/hello_dyn ${_zu_bin}/status_static
            ${_zu_bin}/mix_static ${_zu_bin}/mix_dyn)

  # name, expected exit status, expected-stdout file ("" = not compared), args...
  function(zemu_user_e2e name status expected)
    add_test(NAME user.${name}
      COMMAND ${CMAKE_COMMAND}
        -DZEMU=$<TARGET_FILE:zemu-user> -DSTATUS=${status} -DEXPECTED=${expected}
        "-DARGS=${ARGN}" -P ${_zu_check})
    set_tests_properties(user.${name} PROPERTIES TIMEOUT 120)
  endfunction()

  zemu_user_e2e(hello_static 0 ${_zu_src}/hello.expected ${_zu_bin}/hello_static)
  zemu_user_e2e(hello_dynamic 0 ${_zu_src}/hello.expected
                -L ${ZEMU_S390X_SYSROOT} ${_zu_bin}/hello_dyn)
  zemu_user_e2e(exit_status 7 "" ${_zu_bin}/status_static status 7)
  zemu_user_e2e(args_env 0 ${_zu_src}/status_args.expected
                -E ZEMU_TEST=x ${_zu_bin}/status_static args a b)
  zemu_user_e2e(unset_env 0 ${_zu_src}/status_unset.expected
                -E ZEMU_TEST=x -U ZEMU_TEST ${_zu_bin}/status_static args a b)
  zemu_user_e2e(mix_static 0 ${_zu_src}/mix.expected ${_zu_bin}/mix_static)
  zemu_user_e2e(mix_dynamic 0 ${_zu_src}/mix.expected -L ${ZEMU_S390X_SYSROOT} ${_zu_bin}/mix_dyn)
  zemu_user_e2e(version 0 "" -version)
  zemu_user_e2e(bad_cpu 1 "" -cpu z99 ${_zu_bin}/hello_static)
  zemu_user_e2e(missing_program 1 "" /nonexistent/zemu-program)
  zemu_user_e2e(sigsegv 139 "" ${_zu_bin}/status_static segv)
  zemu_user_e2e(sigill 132 "" ${_zu_bin}/status_static ill)
  zemu_user_e2e(sigfpe 136 "" ${_zu_bin}/status_static div)
else()
  message(STATUS "s390x-linux-gnu-gcc not found: the user-mode end-to-end tests are not defined")
endif()
