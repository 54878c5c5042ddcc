# The GDB stub's end-to-end tests (tests/guest/debug/README.md): the real
# GDB client (gdb-multiarch) drives `zemu -g` on a bundled static s390x
# program, one CTest test per scenario (gdb.NAME); where qemu-s390x -g
# behaves the same, gdbqemu.NAME runs the scenario against it with the
# same expectations.
find_program(ZEMU_GDB NAMES gdb-multiarch)
find_program(ZEMU_GUEST_DEBUG_CC NAMES s390x-linux-gnu-gcc)
find_program(ZEMU_QEMU_S390X NAMES qemu-s390x qemu-s390x-static)
if(NOT ZEMU_GDB OR NOT ZEMU_GUEST_DEBUG_CC OR NOT TARGET zemu-user)
  message(STATUS "gdb-multiarch or s390x-linux-gnu-gcc not found: no GDB stub tests")
  return()
endif()

if(NOT DEFINED ZEMU_S390X_SYSROOT)
  set(ZEMU_S390X_SYSROOT "/usr/s390x-linux-gnu" CACHE PATH "s390x sysroot for -L")
endif()

set(_gd_src ${CMAKE_SOURCE_DIR}/tests/guest/debug)
set(_gd_exe ${CMAKE_BINARY_DIR}/guest-debug/dbg_target)
set(_gd_dyn ${CMAKE_BINARY_DIR}/guest-debug/dbg_target_dyn)
add_custom_command(
  OUTPUT ${_gd_exe} ${_gd_dyn}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/guest-debug
  COMMAND ${ZEMU_GUEST_DEBUG_CC} -O1 -g -static -Wall -Wextra -Werror -o ${_gd_exe}
          ${_gd_src}/dbg_target.c
  COMMAND ${ZEMU_GUEST_DEBUG_CC} -O1 -g -Wall -Wextra -Werror -o ${_gd_dyn}
          ${_gd_src}/dbg_target.c
  DEPENDS ${_gd_src}/dbg_target.c
  COMMENT "s390x guest programs for the GDB stub tests"
  VERBATIM)
add_custom_target(zemu_guest_debug ALL DEPENDS ${_gd_exe} ${_gd_dyn})

# name, scenario, program, zemu's exit status, also run against qemu-s390x
# (ON/OFF), program args...
function(zemu_gdb_case name scenario prog status with_qemu)
  set(_env "")
  if("${prog}" STREQUAL "_gd_dyn")
    set(_env SYSROOT=${ZEMU_S390X_SYSROOT})
  endif()
  add_test(NAME gdb.${name}
    COMMAND bash ${_gd_src}/run_gdb.sh tcp $<TARGET_FILE:zemu-user> ${ZEMU_GDB} ${${prog}}
            ${_gd_src}/${scenario}.gdb ${_gd_src}/${scenario}.expected ${status} ${ARGN})
  set_tests_properties(gdb.${name} PROPERTIES TIMEOUT 120 ENVIRONMENT "${_env}")
  if(with_qemu AND ZEMU_QEMU_S390X)
    add_test(NAME gdbqemu.${name}
      COMMAND bash ${_gd_src}/run_gdb.sh socket ${ZEMU_QEMU_S390X} ${ZEMU_GDB} ${${prog}}
              ${_gd_src}/${scenario}.gdb ${_gd_src}/${scenario}.expected ${status} ${ARGN})
    set_tests_properties(gdbqemu.${name} PROPERTIES TIMEOUT 120 ENVIRONMENT "${_env}")
  endif()
endfunction()

# The static program: name = scenario.
function(zemu_gdb_test name status with_qemu)
  zemu_gdb_case(${name} ${name} _gd_exe ${status} ${with_qemu} ${ARGN})
endfunction()

zemu_gdb_test(break_regs 42 ON)
zemu_gdb_test(step 42 ON)
zemu_gdb_test(memory 65 ON)
zemu_gdb_test(watch_mvc 42 OFF)
zemu_gdb_test(watch_cross_before 42 OFF)
zemu_gdb_test(watch_cross_after 42 OFF)
zemu_gdb_test(rwatch 42 OFF)
zemu_gdb_test(ctrlc 42 OFF spin)    # qemu-s390x 7.2 does not stop a spinning guest
zemu_gdb_test(kill 137 OFF)
zemu_gdb_test(detach 42 ON)
zemu_gdb_test(segv 139 ON segv)
zemu_gdb_test(segv_skip 42 ON segv)
# A dynamically linked PIE program (GDB relocates it with the auxv the stub
# offers, and finds the libraries under the sysroot).
zemu_gdb_case(break_regs_dyn break_regs _gd_dyn 42 ON)
zemu_gdb_case(watch_mvc_dyn watch_mvc _gd_dyn 42 OFF)
# -g PATH: a Unix socket instead of a port.
add_test(NAME gdb.step_socket
  COMMAND bash ${_gd_src}/run_gdb.sh socket $<TARGET_FILE:zemu-user> ${ZEMU_GDB} ${_gd_exe}
          ${_gd_src}/step.gdb ${_gd_src}/step.expected 42)
set_tests_properties(gdb.step_socket PROPERTIES TIMEOUT 120)
