# Runs ZEMU with ARGS (a ;-list) and checks the exit status (STATUS) and, when
# EXPECTED names a file, that stdout equals it byte for byte.
# Usage: cmake -DZEMU=... -DSTATUS=n -DEXPECTED=file|"" -DARGS=a;b;c -P zemu_user_check.cmake
execute_process(COMMAND ${ZEMU} ${ARGS}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${rc}" STREQUAL "${STATUS}")
  message(FATAL_ERROR "zemu ${ARGS}: exit status ${rc}, expected ${STATUS}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(EXPECTED)
  file(READ ${EXPECTED} want)
  if(NOT out STREQUAL want)
    message(FATAL_ERROR "zemu ${ARGS}: stdout differs\n--- got:\n${out}\n--- expected (${EXPECTED}):\n${want}")
  endif()
endif()
if(NOT "${STATUS}" STREQUAL "0" AND "${STATUS}" GREATER 128)
  math(EXPR sig "${STATUS} - 128")
  if(NOT err MATCHES "guest killed by signal ${sig} at PSW")
    message(FATAL_ERROR "zemu ${ARGS}: no 'guest killed by signal ${sig}' message:\n${err}")
  endif()
endif()
message(STATUS "ok: zemu ${ARGS} -> ${rc}")
