# The same SIGSEGV, dropped: the PSW is moved past the 4-byte MVI and the
# program resumes without the signal ("signal 0"), so it exits with 42.
continue
printf "@ pc-at %d\n", $pc - (long)&at_segv
set var $pc = $pc + 4
signal 0
printf "@ exit %d\n", $_exitcode
