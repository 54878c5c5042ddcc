# s390x guest binaries for the user-mode loader tests (tests/unit/test_user_guest.c).
#
# Built at test build time with the cross compiler when it is installed;
# without it the test program is still built and reports itself skipped to
# CTest (exit code 77) with a message saying why.
find_program(ZEMU_S390X_CC NAMES s390x-linux-gnu-gcc)
set(ZEMU_GUEST_BIN ${CMAKE_BINARY_DIR}/guest-unit)
# The sysroot holding /lib/ld64.so.1 for the dynamic test (-L SYSROOT).
set(ZEMU_S390X_SYSROOT "/usr/s390x-linux-gnu" CACHE PATH "s390x sysroot for -L")

if(TARGET test_user_guest)
  if(ZEMU_S390X_CC)
    set(_src ${CMAKE_SOURCE_DIR}/tests/unit/guest)
    add_custom_command(
      OUTPUT ${ZEMU_GUEST_BIN}/user_tiny_static ${ZEMU_GUEST_BIN}/user_tiny_pie
             ${ZEMU_GUEST_BIN}/user_hello_dyn
      COMMAND ${CMAKE_COMMAND} -E make_directory ${ZEMU_GUEST_BIN}
      COMMAND ${ZEMU_S390X_CC} -O2 -march=z196 -static -nostdlib -fno-pie -no-pie
              -o ${ZEMU_GUEST_BIN}/user_tiny_static ${_src}/user_tiny.c
      COMMAND ${ZEMU_S390X_CC} -O2 -march=z196 -static-pie -nostdlib -fPIE
              -o ${ZEMU_GUEST_BIN}/user_tiny_pie ${_src}/user_tiny.c
      COMMAND ${ZEMU_S390X_CC} -O2 -march=z196
              -o ${ZEMU_GUEST_BIN}/user_hello_dyn ${_src}/user_hello.c
      DEPENDS ${_src}/user_tiny.c ${_src}/user_hello.c
      COMMENT "Building s390x guest programs for test_user_guest"
      VERBATIM)
    add_custom_target(zemu_user_guest_bins ALL
      DEPENDS ${ZEMU_GUEST_BIN}/user_tiny_static ${ZEMU_GUEST_BIN}/user_tiny_pie
              ${ZEMU_GUEST_BIN}/user_hello_dyn)
    add_dependencies(test_user_guest zemu_user_guest_bins)
    target_compile_definitions(test_user_guest PRIVATE
      ZEMU_GUEST_BIN_DIR="${ZEMU_GUEST_BIN}"
      ZEMU_S390X_SYSROOT="${ZEMU_S390X_SYSROOT}")
  else()
    message(STATUS "s390x-linux-gnu-gcc not found: test_user_guest will be skipped")
  endif()
  set_tests_properties(unit.test_user_guest PROPERTIES SKIP_RETURN_CODE 77)
endif()
