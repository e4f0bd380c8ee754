// Calendar dates without time zones: ISO parsing, French formatting, ages, month arithmetic, today in Paris.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

// A proleptic Gregorian calendar date. Comparisons follow the calendar.
struct CivilDate {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..daysInMonth
    friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

[[nodiscard]] bool isLeapYear(int year);
[[nodiscard]] int daysInMonth(int year, int month);
[[nodiscard]] bool isValidDate(int year, int month, int day);

// Days since 1970-01-01 (negative before), and back. Exact for any year representable in int.
[[nodiscard]] std::int64_t daysFromCivil(CivilDate date);
[[nodiscard]] CivilDate civilFromDays(std::int64_t days);
[[nodiscard]] CivilDate addDays(CivilDate date, std::int64_t days);

// Strict "YYYY-MM-DD" (four-digit year 0001..9999): anything else, or an impossible date such as
// 2026-02-30, gives nullopt.
[[nodiscard]] std::optional<CivilDate> parseIsoDate(std::string_view text);
[[nodiscard]] std::string formatIsoDate(CivilDate date);
// "5 mai 2026", "1er mars 2027" — how a French letter writes a date.
[[nodiscard]] std::string formatFrenchDate(CivilDate date);
// "janvier" … "décembre" (UTF-8); "?" outside 1..12.
[[nodiscard]] const char* frenchMonthName(int month) noexcept;

// `date` + `months` calendar months, clamped to the end of a shorter month (31 Aug + 6 → 28/29 Feb).
[[nodiscard]] CivilDate addMonthsClamped(CivilDate date, int months);

// The day someone born on `birth` turns `years`: their birthday in year birth.year + years, where a
// 29 February birthday falls on 1 March in common years (the contract's rule).
[[nodiscard]] CivilDate dateOfAge(CivilDate birth, int years);
// Age in completed years on `on` (a birthday counts on its day). Negative when `on` < `birth`.
[[nodiscard]] int ageInYears(CivilDate birth, CivilDate on);

// The civil date in Europe/Paris at a Unix time, without a tz database: CET (UTC+1), CEST (UTC+2)
// from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC (EU rule since 1996).
[[nodiscard]] CivilDate parisDateFromUnixSeconds(std::int64_t unixSeconds);
[[nodiscard]] CivilDate todayInParis();

} // namespace passerelle
