# Reading and writing guest storage: counter and src_val before the MVC
# that copies src_val over counter; a new src_val changes the exit code
# to 6 + 30 + 29 = 65.  Bytes written into a page of the page-aligned
# buffer read back.
break *mvc_counter
continue
printf "@ counter %d src_val %d\n", counter, src_val
set var src_val = 30
printf "@ src_val %d\n", src_val
set var pages[0][0] = 'z'
set var pages[1][4095] = 'q'
printf "@ bytes %c %c\n", pages[0][0], pages[1][4095]
x/2xb &pages[0][0]
delete
continue
printf "@ exit %d\n", $_exitcode
