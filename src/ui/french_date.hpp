// French dates for display: « 23 novembre 2026 » from an ISO yyyy-mm-dd string.
#pragma once

#include <string>
#include <string_view>

namespace passerelle::ui {

// « 1er mars 2026 », « 23 novembre 2026 »; the input unchanged if it is not yyyy-mm-dd.
[[nodiscard]] std::string frenchLongDate(std::string_view iso);

} // namespace passerelle::ui
