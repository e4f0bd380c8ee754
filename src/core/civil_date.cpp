// Calendar arithmetic (Howard Hinnant's days_from_civil), French dates and the Paris wall-clock date.
#include "core/civil_date.hpp"

#include <array>
#include <chrono>

namespace passerelle {

bool isLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
    static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && isLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

bool isValidDate(int year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

std::int64_t daysFromCivil(CivilDate date) {
    const std::int64_t y = static_cast<std::int64_t>(date.year) - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (date.month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

CivilDate civilFromDays(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month, day};
}

CivilDate addDays(CivilDate date, std::int64_t days) { return civilFromDays(daysFromCivil(date) + days); }

std::optional<CivilDate> parseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t n) -> int {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return -1;
            v = v * 10 + (text[i] - '0');
        }
        return v;
    };
    const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y < 1 || m < 0 || d < 0 || !isValidDate(y, m, d))
        return std::nullopt;
    return CivilDate{y, m, d};
}

namespace {
void appendPadded(std::string& out, int value, int width) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    if (value < 0)
        out += '-';
    for (int i = static_cast<int>(digits.size()); i < width; ++i)
        out += '0';
    out += digits;
}
} // namespace

std::string formatIsoDate(CivilDate date) {
    std::string out;
    out.reserve(10);
    appendPadded(out, date.year, 4);
    out += '-';
    appendPadded(out, date.month, 2);
    out += '-';
    appendPadded(out, date.day, 2);
    return out;
}

const char* frenchMonthName(int month) noexcept {
    static constexpr std::array<const char*, 12> kMonths{"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                                         "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
    return month >= 1 && month <= 12 ? kMonths[static_cast<std::size_t>(month - 1)] : "?";
}

std::string formatFrenchDate(CivilDate date) {
    std::string out = date.day == 1 ? std::string("1er") : std::to_string(date.day);
    out += ' ';
    out += frenchMonthName(date.month);
    out += ' ';
    out += std::to_string(date.year);
    return out;
}

CivilDate addMonthsClamped(CivilDate date, int months) {
    const std::int64_t index = static_cast<std::int64_t>(date.year) * 12 + (date.month - 1) + months;
    const std::int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
    const int y = static_cast<int>(year);
    const int m = static_cast<int>(index - year * 12) + 1;
    const int dim = daysInMonth(y, m);
    return {y, m, date.day > dim ? dim : date.day};
}

CivilDate dateOfAge(CivilDate birth, int years) {
    const int y = birth.year + years;
    if (birth.month == 2 && birth.day == 29 && !isLeapYear(y))
        return {y, 3, 1};
    return {y, birth.month, birth.day};
}

int ageInYears(CivilDate birth, CivilDate on) {
    int age = on.year - birth.year;
    if (on < dateOfAge(birth, age))
        --age;
    return age;
}

namespace {
// The last Sunday of `month` in `year`, 01:00 UTC, as Unix seconds (the EU summer-time switch).
std::int64_t lastSundayOneUtc(int year, int month) {
    const CivilDate last{year, month, daysInMonth(year, month)};
    const std::int64_t days = daysFromCivil(last);
    // 1970-01-01 was a Thursday: weekday 0 = Sunday → (days + 4) mod 7.
    const std::int64_t weekday = ((days + 4) % 7 + 7) % 7;
    return (days - weekday) * 86400 + 3600;
}
std::int64_t floorDiv(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }
} // namespace

CivilDate parisDateFromUnixSeconds(std::int64_t unixSeconds) {
    const int utcYear = civilFromDays(floorDiv(unixSeconds, 86400)).year;
    const bool summer =
        unixSeconds >= lastSundayOneUtc(utcYear, 3) && unixSeconds < lastSundayOneUtc(utcYear, 10);
    return civilFromDays(floorDiv(unixSeconds + (summer ? 7200 : 3600), 86400));
}

CivilDate todayInParis() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return parisDateFromUnixSeconds(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

} // namespace passerelle
