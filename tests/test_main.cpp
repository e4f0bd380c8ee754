// The one doctest main shared by every unit_*.cpp, native and wasm.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
