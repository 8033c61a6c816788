# bench_smoke: runs every benchmark once at tiny sizes (--smoke) and the loader on a small folder. Passes when each
# program exits 0 and prints at least one "BENCH {...}" result line. No timing is ever checked: CI machines vary.
#   cmake -DPROGRAMS="a|b|c" -DWORKDIR=dir -P smoke.cmake
if(NOT PROGRAMS OR NOT WORKDIR)
    message(FATAL_ERROR "smoke.cmake: PROGRAMS and WORKDIR are required")
endif()
string(REPLACE "|" ";" PROGRAMS "${PROGRAMS}")

set(failed "")
foreach(program ${PROGRAMS})
    get_filename_component(name "${program}" NAME)
    if(name STREQUAL "crewline-loader")
        file(REMOVE_RECURSE "${WORKDIR}/loader-smoke")
        set(args --data-dir "${WORKDIR}/loader-smoke" --tickets 3000 --batch 1000)
    else()
        set(args --smoke)
    endif()
    string(TIMESTAMP started "%s")
    execute_process(COMMAND "${program}" ${args}
        RESULT_VARIABLE rc
        OUTPUT_VARIABLE out
        ERROR_VARIABLE err
        TIMEOUT 200)
    string(TIMESTAMP ended "%s")
    math(EXPR took "${ended} - ${started}")
    string(REGEX MATCHALL "BENCH {[^\n]*" lines "${out}")
    list(LENGTH lines count)
    if(NOT rc EQUAL 0 OR count EQUAL 0)
        message("FAIL ${name}: exit ${rc}, ${count} result lines (${took} s)\n--- stdout\n${out}\n--- stderr\n${err}")
        list(APPEND failed ${name})
    else()
        message("ok   ${name}: ${count} result lines (${took} s)")
    endif()
endforeach()
file(REMOVE_RECURSE "${WORKDIR}/loader-smoke")
if(failed)
    message(FATAL_ERROR "bench_smoke failed: ${failed}")
endif()
