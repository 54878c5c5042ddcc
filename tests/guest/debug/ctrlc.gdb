# Ctrl-C while the program spins: the test driver sends GDB one SIGINT
# (GDB sends 0x03 to the stub), the stop is a SIGINT; clearing spin lets
# the program finish.
# interrupt-when: @ spinning
printf "@ spinning\n"
continue
printf "@ spin %d\n", spin
set var spin = 0
continue
printf "@ exit %d\n", $_exitcode
