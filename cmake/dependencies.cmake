# Makes the third-party libraries available as targets, natively (Debian -dev packages) and for wasm (Debian sources).
#   passerelle::json     nlohmann/json 3.11 (header-only)
#   passerelle::doctest  doctest 2.4 (header-only)
#   passerelle::sodium   libsodium 1.0.18

# em++ must never see -I/usr/include (native libc headers break it): header-only libraries are
# reached through a directory of symlinks instead.
set(_sysinc "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${_sysinc}")
foreach(_lib nlohmann doctest)
  if(NOT EXISTS "/usr/include/${_lib}")
    message(FATAL_ERROR "/usr/include/${_lib} is missing: run scripts/setup.sh")
  endif()
  file(CREATE_LINK "/usr/include/${_lib}" "${_sysinc}/${_lib}" SYMBOLIC)
endforeach()

add_library(passerelle_json INTERFACE)
target_include_directories(passerelle_json SYSTEM INTERFACE "${_sysinc}")
target_compile_definitions(passerelle_json INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)
add_library(passerelle::json ALIAS passerelle_json)

add_library(passerelle_doctest INTERFACE)
target_include_directories(passerelle_doctest SYSTEM INTERFACE "${_sysinc}")
add_library(passerelle::doctest ALIAS passerelle_doctest)

if(EMSCRIPTEN)
  set(_sodium "${PASSERELLE_DEPS_DIR}/libsodium/src/libsodium")
  if(NOT EXISTS "${_sodium}/include/sodium/version.h")
    message(FATAL_ERROR "libsodium sources missing in ${PASSERELLE_DEPS_DIR}: run scripts/setup.sh")
  endif()
  file(GLOB_RECURSE _sodium_sources CONFIGURE_DEPENDS "${_sodium}/*.c")
  add_library(passerelle_sodium STATIC ${_sodium_sources})
  target_include_directories(passerelle_sodium SYSTEM PUBLIC "${_sodium}/include"
                             PRIVATE "${_sodium}/include/sodium")
  # What configure would have decided for wasm32: no assembly, no SIMD, little-endian.
  target_compile_definitions(passerelle_sodium PRIVATE CONFIGURED=1 NATIVE_LITTLE_ENDIAN=1
                             HAVE_INLINE_ASM=0 HAVE_WEAK_SYMBOLS=1 HAVE_ATOMIC_OPS=1)
  target_compile_options(passerelle_sodium PRIVATE -Os -w)
else()
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium>=1.0.18)
  add_library(passerelle_sodium INTERFACE)
  target_link_libraries(passerelle_sodium INTERFACE PkgConfig::SODIUM)
endif()
add_library(passerelle::sodium ALIAS passerelle_sodium)

# Warnings for our own code only.
set(PASSERELLE_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wno-missing-field-initializers)
