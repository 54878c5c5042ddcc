# A read watchpoint on readme, loaded by one L: reported after the load.
rwatch readme
continue
printf "@ pc-after %d\n", $pc - (long)&after_read
delete
continue
printf "@ exit %d\n", $_exitcode
