# A write watchpoint on counter, which one MVC changes from 5 to 7: GDB
# reports the old and the new value with the PSW after the MVC.
watch counter
continue
printf "@ pc-after %d\n", $pc - (long)&after_mvc_counter
delete
continue
printf "@ exit %d\n", $_exitcode
