# Guest programs of tests/guest/user (issue 3): every *.c there is an s390x
# program built with the cross compiler and run end to end; its stdout must
# equal NAME.expected (the architecturally correct output, verified by hand
# and against qemu-s390x; see tests/guest/user/QEMU-DIFFERS.md).
#
#   *_dyn.c  linked dynamically (run with -L ${ZEMU_S390X_SYSROOT}),
#   others   linked statically.
#   pf.h     the page-fault harness shared by the fault_*.c programs.
#
# Tests:
#   zemu.NAME  runs the program under the zemu front end.  Registered only for
#              the programs in ZEMU_GUEST_USER_PASSING (the ones zemu already
#              runs correctly), or for all with -DZEMU_GUEST_USER_ALL=ON;
#              a failing test is never silently skipped - the list grows as
#              the front end matures.
#   qemu.NAME  runs it under qemu-s390x when that is installed; for the
#              programs where QEMU does not follow the architecture the
#              runner compares with NAME.qemu-expected instead (documented in
#              QEMU-DIFFERS.md).
#
# hello.c, status.c and mix.c in the same directory belong to the user-mode
# front end's own tests (cmake/zemu_user.cmake) and are not built here.
find_program(ZEMU_GUEST_USER_CC NAMES s390x-linux-gnu-gcc)
find_program(ZEMU_QEMU_S390X NAMES qemu-s390x qemu-s390x-static)
if(NOT DEFINED ZEMU_S390X_SYSROOT)
  set(ZEMU_S390X_SYSROOT "/usr/s390x-linux-gnu" CACHE PATH "s390x sysroot for -L")
endif()
option(ZEMU_GUEST_USER_ALL "Register zemu.* tests for every guest program" OFF)

# Programs that pass under zemu today (zemu.NAME is registered for these).
# Every program passes today.
set(ZEMU_GUEST_USER_PASSING
  arith_cc branches dlopen_dyn decimal general_z196 malloc_free memfuncs printf_float printf_int qsort
  setjmp_longjmp startup_dyn strings tls_vars unicode_edges math_dyn bfp_diff
  signals sigsegv_mvc mmap_prot file_io proc_fork
  fault_cksm fault_clc fault_clcl fault_clst fault_ed fault_ex fault_mvc fault_mvcin
  fault_mvcl fault_mvcle fault_mvst fault_mvzn fault_pack fault_pka fault_srst
  fault_stm_lm fault_store fault_tr fault_tre fault_troo fault_trt fault_unicode fault_xc_nc_oc
  fault_trxx fault_mvpg problem_state)

set(ZEMU_GUEST_USER_EXCLUDE hello status mix)

set(_gu_src ${CMAKE_SOURCE_DIR}/tests/guest/user)
set(_gu_bin ${CMAKE_BINARY_DIR}/guest-user-progs)
set(_gu_run ${CMAKE_SOURCE_DIR}/tests/guest/run_guest.sh)

# The zemu executable: the front end's target is zemu-user (OUTPUT_NAME zemu)
# because the library owns the name zemu.
set(_gu_zemu "")
foreach(_t zemu-user zemu)
  if(NOT _gu_zemu AND TARGET ${_t})
    get_target_property(_type ${_t} TYPE)
    if(_type STREQUAL "EXECUTABLE")
      set(_gu_zemu ${_t})
    endif()
  endif()
endforeach()

if(NOT ZEMU_GUEST_USER_CC)
  message(STATUS "s390x-linux-gnu-gcc not found: tests/guest/user programs are not built")
  return()
endif()

file(GLOB _gu_progs CONFIGURE_DEPENDS ${_gu_src}/*.c)
set(_gu_outputs)
set(_gu_flags -O2 -march=z196 -Wall -Wextra -Werror)
foreach(_src ${_gu_progs})
  get_filename_component(_name ${_src} NAME_WE)
  if(_name IN_LIST ZEMU_GUEST_USER_EXCLUDE)
    continue()
  endif()
  set(_exe ${_gu_bin}/${_name})
  set(_runargs)
  if(_name MATCHES "_dyn$")
    set(_link -lm -ldl)
    set(_runargs -L ${ZEMU_S390X_SYSROOT})
  else()
    set(_link -static -lm)
  endif()
  add_custom_command(
    OUTPUT ${_exe}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_gu_bin}
    COMMAND ${ZEMU_GUEST_USER_CC} ${_gu_flags} -o ${_exe} ${_src} ${_link}
    DEPENDS ${_src} ${_gu_src}/pf.h
    COMMENT "s390x guest program ${_name}"
    VERBATIM)
  list(APPEND _gu_outputs ${_exe})

  set(_exp ${_gu_src}/${_name}.expected)
  if(NOT EXISTS ${_exp})
    message(WARNING "tests/guest/user/${_name}.c has no ${_name}.expected: no test registered")
    continue()
  endif()
  if(_gu_zemu AND (ZEMU_GUEST_USER_ALL OR _name IN_LIST ZEMU_GUEST_USER_PASSING))
    add_test(NAME zemu.${_name}
      COMMAND sh ${_gu_run} ${_exp} - -- $<TARGET_FILE:${_gu_zemu}> ${_runargs} ${_exe})
    set_tests_properties(zemu.${_name} PROPERTIES TIMEOUT 60)
    if(_name STREQUAL "bfp_diff")   # ~10^6 BFP cases; the sanitizer build is slow
      set_tests_properties(zemu.${_name} PROPERTIES TIMEOUT 600)
    endif()
  endif()
  if(ZEMU_QEMU_S390X)
    add_test(NAME qemu.${_name}
      COMMAND sh ${_gu_run} ${_exp} ${_gu_src}/${_name}.qemu-expected --
              ${ZEMU_QEMU_S390X} ${_runargs} ${_exe})
    set_tests_properties(qemu.${_name} PROPERTIES TIMEOUT 60)
  endif()
endforeach()
add_custom_target(zemu_guest_user_progs ALL DEPENDS ${_gu_outputs})
