# The one way to add a Qt Test executable to CTest.
#
#   crewline_add_test(NAME <name>
#                     SOURCES <files...>
#                     [LIBS <targets...>]
#                     [LABELS <labels...>]
#                     [TIMEOUT <seconds>]          default 120
#                     [ENV <KEY=value>...]         extra environment, after the defaults (values without ';')
#                     [RUN_SERIAL])                for tests that must not share the machine (timing, fixed ports)
#
# Every test gets QT_QPA_PLATFORM=offscreen and its own HOME and XDG folders under
# <build>/<dir>/testhome/<name>, so it never reads or writes the developer's real settings, keychain files or
# caches, and runs with that folder as its working directory. Tests see two compile definitions:
#   CREWLINE_SOURCE_DIR     the source tree (fixtures, resources)
#   CREWLINE_SERVER_BINARY  path of the real crewline-server (only when that target exists; it is built first)
include_guard(GLOBAL)

function(crewline_add_test)
    cmake_parse_arguments(PARSE_ARGV 0 ARG "RUN_SERIAL" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENV")
    if(ARG_UNPARSED_ARGUMENTS)
        message(FATAL_ERROR "crewline_add_test: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT ARG_NAME)
        message(FATAL_ERROR "crewline_add_test: NAME is required")
    endif()
    if(NOT ARG_SOURCES)
        message(FATAL_ERROR "crewline_add_test(${ARG_NAME}): SOURCES is required")
    endif()
    if(NOT DEFINED ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()

    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE Qt6::Test crewline_options ${ARG_LIBS})
    target_compile_definitions(${ARG_NAME} PRIVATE CREWLINE_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
    if(TARGET crewline-server)
        target_compile_definitions(${ARG_NAME} PRIVATE
            CREWLINE_SERVER_BINARY="$<TARGET_FILE:crewline-server>")
        add_dependencies(${ARG_NAME} crewline-server)
    endif()

    # Private home: created at configure time; XDG_RUNTIME_DIR must be 0700 or Qt warns on every start.
    set(home "${CMAKE_CURRENT_BINARY_DIR}/testhome/${ARG_NAME}")
    file(MAKE_DIRECTORY "${home}/config" "${home}/data" "${home}/cache" "${home}/runtime")
    file(CHMOD "${home}/runtime" DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)

    set(env
        QT_QPA_PLATFORM=offscreen
        HOME=${home}
        XDG_CONFIG_HOME=${home}/config
        XDG_DATA_HOME=${home}/data
        XDG_CACHE_HOME=${home}/cache
        XDG_RUNTIME_DIR=${home}/runtime
        ${ARG_ENV})

    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    set_tests_properties(${ARG_NAME} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        WORKING_DIRECTORY "${home}"
        ENVIRONMENT "${env}")
    if(ARG_LABELS)
        set_tests_properties(${ARG_NAME} PROPERTIES LABELS "${ARG_LABELS}")
    endif()
    if(ARG_RUN_SERIAL)
        set_tests_properties(${ARG_NAME} PROPERTIES RUN_SERIAL TRUE)
    endif()
endfunction()
