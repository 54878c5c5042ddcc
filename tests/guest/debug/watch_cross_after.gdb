# The same MVC under a write watchpoint in the default mode: one report,
# after the MVC ran exactly once, both pages stored.
watch *(long *)&pages[1][0]
continue
printf "@ page0 %lx page1 %lx\n", *(long *)&pages[0][4088], *(long *)&pages[1][0]
printf "@ pc-after %d\n", $pc - (long)&after_mvc_cross
delete
continue
printf "@ exit %d\n", $_exitcode
