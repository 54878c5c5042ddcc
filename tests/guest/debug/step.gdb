# stepi executes exactly one instruction: steps() is LGHI 2,1; AGHI 2,2;
# AGR 2,2; BR 14 (4, 4, 4 and 2 bytes).
break *steps
continue
set $ret = $r14
stepi
printf "@ r2 %d pc %d\n", $r2, $pc - (long)&steps
stepi
printf "@ r2 %d pc %d\n", $r2, $pc - (long)&steps
stepi
printf "@ r2 %d pc %d\n", $r2, $pc - (long)&steps
stepi
printf "@ back %d\n", $pc == $ret
delete
continue
printf "@ exit %d\n", $_exitcode
