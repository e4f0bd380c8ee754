// French long dates.
#include "ui/french_date.hpp"

#include <array>

namespace passerelle::ui {

std::string frenchLongDate(std::string_view iso) {
    static constexpr std::array<const char*, 12> kMonths{"janvier", "février", "mars",      "avril",
                                                         "mai",     "juin",    "juillet",   "août",
                                                         "septembre", "octobre", "novembre", "décembre"};
    auto digits = [&](std::size_t from, std::size_t count, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (iso[i] < '0' || iso[i] > '9') return false;
            out = out * 10 + (iso[i] - '0');
        }
        return true;
    };
    int y = 0, m = 0, d = 0;
    if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(0, 4, y) || !digits(5, 2, m) ||
        !digits(8, 2, d) || m < 1 || m > 12 || d < 1 || d > 31) {
        return std::string(iso);
    }
    return (d == 1 ? std::string("1er") : std::to_string(d)) + " " + kMonths[static_cast<std::size_t>(m - 1)] + " " +
           std::to_string(y);
}

} // namespace passerelle::ui
