# The probe-then-store contract seen from GDB: an access watchpoint on the
# first 8 bytes of page 1, stored by an MVC that starts 8 bytes before the
# page end.  Reported before the instruction ("watch before"): nothing is
# stored yet, on page 0 either, and the PSW is at the MVC.  Resuming runs
# the MVC exactly once and reports the store after it.
monitor watch before
awatch *(long *)&pages[1][0]
continue
printf "@ page0 %lx page1 %lx\n", *(long *)&pages[0][4088], *(long *)&pages[1][0]
printf "@ pc-at %d\n", $pc - (long)&at_mvc_cross
continue
printf "@ page0 %lx page1 %lx\n", *(long *)&pages[0][4088], *(long *)&pages[1][0]
printf "@ pc-after %d\n", $pc - (long)&after_mvc_cross
delete
continue
printf "@ exit %d\n", $_exitcode
