// Unit tests for civil dates: ISO parsing, French formatting, month clamping, ages, 29 February, Paris time.
#include "core/civil_date.hpp"

#include <doctest/doctest.h>

using namespace passerelle;

namespace {
std::int64_t unixAt(CivilDate d, int h, int m) { return daysFromCivil(d) * 86400 + h * 3600 + m * 60; }
} // namespace

TEST_SUITE("civil_date") {
TEST_CASE("leap years and month lengths") {
    CHECK(isLeapYear(2024));
    CHECK(isLeapYear(2000));
    CHECK_FALSE(isLeapYear(1900));
    CHECK_FALSE(isLeapYear(2026));
    CHECK(daysInMonth(2024, 2) == 29);
    CHECK(daysInMonth(2026, 2) == 28);
    CHECK(daysInMonth(2026, 4) == 30);
    CHECK(daysInMonth(2026, 13) == 0);
}

TEST_CASE("strict ISO dates") {
    CHECK(parseIsoDate("2026-05-04") == CivilDate{2026, 5, 4});
    CHECK(parseIsoDate("2024-02-29") == CivilDate{2024, 2, 29});
    CHECK_FALSE(parseIsoDate("2026-02-29"));
    CHECK_FALSE(parseIsoDate("2026-02-30"));
    CHECK_FALSE(parseIsoDate("2026-13-01"));
    CHECK_FALSE(parseIsoDate("2026-00-10"));
    CHECK_FALSE(parseIsoDate("2026-5-4"));
    CHECK_FALSE(parseIsoDate(" 2026-05-04"));
    CHECK_FALSE(parseIsoDate("2026/05/04"));
    CHECK_FALSE(parseIsoDate("0000-01-01"));
    CHECK_FALSE(parseIsoDate(""));
    CHECK(formatIsoDate({987, 1, 2}) == "0987-01-02");
    CHECK(formatIsoDate(*parseIsoDate("2026-12-31")) == "2026-12-31");
}

TEST_CASE("dates in French") {
    CHECK(formatFrenchDate({2026, 5, 5}) == "5 mai 2026");
    CHECK(formatFrenchDate({2027, 3, 1}) == "1er mars 2027");
    CHECK(formatFrenchDate({2026, 8, 15}) == "15 août 2026");
    CHECK(formatFrenchDate({2026, 12, 31}) == "31 décembre 2026");
    CHECK(formatFrenchDate({2026, 2, 28}) == "28 février 2026");
}

TEST_CASE("day numbers round-trip") {
    CHECK(daysFromCivil({1970, 1, 1}) == 0);
    CHECK(daysFromCivil({2000, 3, 1}) == 11017);
    CHECK(daysFromCivil({1969, 12, 31}) == -1);
    for (std::int64_t d = -800000; d <= 800000; d += 997) {
        const CivilDate c = civilFromDays(d);
        REQUIRE(isValidDate(c.year, c.month, c.day));
        REQUIRE(daysFromCivil(c) == d);
    }
    CHECK(addDays({2026, 12, 31}, 1) == CivilDate{2027, 1, 1});
    CHECK(addDays({2024, 3, 1}, -1) == CivilDate{2024, 2, 29});
}

TEST_CASE("adding calendar months clamps to the end of a shorter month") {
    CHECK(addMonthsClamped({2025, 8, 31}, 6) == CivilDate{2026, 2, 28});
    CHECK(addMonthsClamped({2023, 8, 31}, 6) == CivilDate{2024, 2, 29});
    CHECK(addMonthsClamped({2026, 1, 31}, 1) == CivilDate{2026, 2, 28});
    CHECK(addMonthsClamped({2026, 3, 31}, 1) == CivilDate{2026, 4, 30});
    CHECK(addMonthsClamped({2026, 12, 15}, 1) == CivilDate{2027, 1, 15});
    CHECK(addMonthsClamped({2026, 3, 31}, -1) == CivilDate{2026, 2, 28});
    CHECK(addMonthsClamped({2026, 1, 15}, -13) == CivilDate{2024, 12, 15});
    CHECK(addMonthsClamped({2025, 11, 4}, 6) == CivilDate{2026, 5, 4});
}

TEST_CASE("ages in completed years, birthdays count on their day") {
    CHECK(ageInYears({2010, 5, 4}, {2026, 5, 3}) == 15);
    CHECK(ageInYears({2010, 5, 4}, {2026, 5, 4}) == 16);
    CHECK(ageInYears({2010, 12, 31}, {2026, 12, 31}) == 16);
    CHECK(ageInYears({2010, 12, 31}, {2026, 12, 30}) == 15);
    CHECK(dateOfAge({2010, 5, 4}, 16) == CivilDate{2026, 5, 4});
}

TEST_CASE("born on 29 February: birthday on 1 March in common years") {
    const CivilDate leapling{2008, 2, 29};
    CHECK(dateOfAge(leapling, 15) == CivilDate{2023, 3, 1});
    CHECK(dateOfAge(leapling, 16) == CivilDate{2024, 2, 29});
    CHECK(ageInYears(leapling, {2023, 2, 28}) == 14);
    CHECK(ageInYears(leapling, {2023, 3, 1}) == 15);
    CHECK(ageInYears(leapling, {2024, 2, 28}) == 15);
    CHECK(ageInYears(leapling, {2024, 2, 29}) == 16);
    CHECK(ageInYears(leapling, {2008, 2, 29}) == 0);
}

TEST_CASE("today in Paris: CET in winter, CEST from the last Sunday of March to the last Sunday of October") {
    // Winter: UTC+1.
    CHECK(parisDateFromUnixSeconds(unixAt({2026, 1, 14}, 22, 59)) == CivilDate{2026, 1, 14});
    CHECK(parisDateFromUnixSeconds(unixAt({2026, 1, 14}, 23, 0)) == CivilDate{2026, 1, 15});
    CHECK(parisDateFromUnixSeconds(unixAt({2026, 12, 31}, 23, 30)) == CivilDate{2027, 1, 1});
    // Summer: UTC+2.
    CHECK(parisDateFromUnixSeconds(unixAt({2026, 7, 14}, 21, 59)) == CivilDate{2026, 7, 14});
    CHECK(parisDateFromUnixSeconds(unixAt({2026, 7, 14}, 22, 0)) == CivilDate{2026, 7, 15});
    // 2026: summer time from Sunday 29 March 01:00 UTC to Sunday 25 October 01:00 UTC.
    CHECK(parisDateFromUnixSeconds(unixAt({2026, 3, 28}, 22, 30)) == CivilDate{2026, 3, 28}); // 23:30 CET
    CHECK(parisDateFromUnixSeconds(unixAt({2026, 3, 29}, 22, 30)) == CivilDate{2026, 3, 30}); // 00:30 CEST
    CHECK(parisDateFromUnixSeconds(unixAt({2026, 10, 24}, 22, 30)) == CivilDate{2026, 10, 25}); // 00:30 CEST
    CHECK(parisDateFromUnixSeconds(unixAt({2026, 10, 25}, 22, 30)) == CivilDate{2026, 10, 25}); // 23:30 CET
    CHECK(parisDateFromUnixSeconds(unixAt({1969, 12, 31}, 23, 30)) == CivilDate{1970, 1, 1});
    CHECK(todayInParis().year >= 2024);
}
}
