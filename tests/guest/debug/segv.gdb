# A store into page 0: GDB sees the SIGSEGV before the program does, with
# the PSW at the faulting MVI; continuing passes the signal, which (no
# handler) ends the program.
continue
printf "@ pc-at %d\n", $pc - (long)&at_segv
continue
