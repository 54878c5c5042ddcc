# End-to-end tests on real Debian s390x programs (issue 3): busybox-static,
# sqlite3 and python3.11, fetched by scripts/fetch-debian-s390x.sh into a
# cache sysroot (never into git).  Each case of tests/e2e/debian.sh runs the
# program under zemu and under qemu-s390x on the same input and requires
# byte-identical stdout and the same exit status.
#
#   -DZEMU_DEBIAN_SYSROOT=DIR   the sysroot the fetch script printed
#                               (scripts/test.sh passes it)
set(ZEMU_DEBIAN_CASES
  busybox_sh busybox_sort busybox_md5sum busybox_sed busybox_awk busybox_gzip
  sqlite3_cte python3_script)
# Every case passes today; a case that stops passing is removed from this
# list only with a note of why (none is skipped silently).
set(ZEMU_DEBIAN_PASSING busybox_sh busybox_sort busybox_md5sum busybox_sed busybox_awk busybox_gzip
  sqlite3_cte python3_script)

if(NOT ZEMU_DEBIAN_SYSROOT)
  message(STATUS "ZEMU_DEBIAN_SYSROOT not set: the Debian end-to-end tests are not registered "
                 "(scripts/test.sh fetches the programs and sets it)")
  return()
endif()
find_program(ZEMU_DEBIAN_QEMU NAMES qemu-s390x qemu-s390x-static)
if(NOT ZEMU_DEBIAN_QEMU)
  message(FATAL_ERROR "ZEMU_DEBIAN_SYSROOT is set but qemu-s390x is missing (scripts/setup.sh)")
endif()
foreach(_case ${ZEMU_DEBIAN_CASES})
  if(_case IN_LIST ZEMU_DEBIAN_PASSING OR ZEMU_GUEST_USER_ALL)
    add_test(NAME debian.${_case}
      COMMAND sh ${CMAKE_SOURCE_DIR}/tests/e2e/debian.sh $<TARGET_FILE:zemu-user>
              ${ZEMU_DEBIAN_QEMU} ${ZEMU_DEBIAN_SYSROOT} ${_case})
    set_tests_properties(debian.${_case} PROPERTIES TIMEOUT 600)
  endif()
endforeach()
