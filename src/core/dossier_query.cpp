// The workspace table's rows: filtering and sorting dossier summaries (see dossier_query.hpp).
#include "core/dossier_query.hpp"

#include "core/civil_date.hpp"
#include "core/dossier_fields.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <set>

namespace passerelle::dossiers {
namespace {

std::vector<std::string> words(const std::string& folded) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < folded.size()) {
        const auto j = folded.find(' ', i);
        const auto end = j == std::string::npos ? folded.size() : j;
        if (end > i) out.push_back(folded.substr(i, end - i));
        i = end + 1;
    }
    return out;
}

int rankOf(const std::string& state) {
    const auto s = stateByName(state);
    return s ? static_cast<int>(*s) : 1000; // a state from a newer writer sorts last
}

} // namespace

SummaryIndex::SummaryIndex(std::vector<DossierSummary> rows) : m_rows(std::move(rows)) {
    m_foldedTitles.reserve(m_rows.size());
    m_foldedClasses.reserve(m_rows.size());
    m_stateRank.reserve(m_rows.size());
    std::set<std::string> schemes, classes;
    std::set<std::pair<int, std::string>> states;
    for (const auto& r : m_rows) {
        m_foldedTitles.push_back(foldForMatch(r.title));
        m_foldedClasses.push_back(foldForMatch(r.className));
        m_stateRank.push_back(rankOf(r.state));
        schemes.insert(r.scheme);
        states.insert({m_stateRank.back(), r.state});
        if (r.className.empty()) m_withoutClass = true;
        else classes.insert(r.className);
    }
    m_schemes.assign(schemes.begin(), schemes.end());
    for (const auto& [rank, s] : states) m_states.push_back(s);
    m_classes.assign(classes.begin(), classes.end());
    std::stable_sort(m_classes.begin(), m_classes.end(),
                     [](const std::string& a, const std::string& b) { return foldForMatch(a) < foldForMatch(b); });
}

std::vector<std::uint32_t> SummaryIndex::run(const DossierQuery& q) const {
    const auto needles = words(foldForMatch(q.search));
    std::vector<std::uint32_t> out;
    out.reserve(m_rows.size());
    for (std::uint32_t i = 0; i < m_rows.size(); ++i) {
        const auto& r = m_rows[i];
        if (!q.scheme.empty() && r.scheme != q.scheme) continue;
        if (!q.state.empty() && r.state != q.state) continue;
        if (q.className == kNoClass) {
            if (!r.className.empty()) continue;
        } else if (!q.className.empty() && r.className != q.className)
            continue;
        const std::string& title = m_foldedTitles[i];
        if (!std::all_of(needles.begin(), needles.end(), [&](const std::string& w) { return title.find(w) != std::string::npos; }))
            continue;
        out.push_back(i);
    }
    // Compare the column first, then the id: equal keys keep one order whatever the direction.
    auto key = [&](std::uint32_t a, std::uint32_t b) -> int {
        const auto& x = m_rows[a];
        const auto& y = m_rows[b];
        auto cmp = [](const std::string& s, const std::string& t) { return s < t ? -1 : (t < s ? 1 : 0); };
        switch (q.sortBy) {
        case SummaryColumn::Title: return cmp(m_foldedTitles[a], m_foldedTitles[b]);
        case SummaryColumn::Scheme: return cmp(x.scheme, y.scheme);
        case SummaryColumn::Class: return cmp(m_foldedClasses[a], m_foldedClasses[b]);
        case SummaryColumn::State: return m_stateRank[a] - m_stateRank[b];
        case SummaryColumn::Holder: return cmp(x.holder, y.holder);
        case SummaryColumn::Updated: return cmp(x.updatedAt, y.updatedAt);
        }
        return 0;
    };
    std::sort(out.begin(), out.end(), [&](std::uint32_t a, std::uint32_t b) {
        const int k = key(a, b);
        if (k != 0) return q.descending ? k > 0 : k < 0;
        return m_rows[a].id < m_rows[b].id;
    });
    return out;
}

namespace {
// Unix seconds of the last Sunday of `month` at 01:00 UTC: where EU summer time starts or ends.
std::int64_t lastSundayOneUtc(int year, int month) {
    const std::int64_t lastDay = daysFromCivil(CivilDate{year, month, 31});
    const std::int64_t weekday = ((lastDay + 4) % 7 + 7) % 7; // 1970-01-01 was a Thursday (Sunday = 0)
    return (lastDay - weekday) * 86400 + 3600;
}
} // namespace

std::string parisDateTime(std::string_view iso) {
    auto num = [&](std::size_t at, std::size_t n) -> int {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (i >= iso.size() || iso[i] < '0' || iso[i] > '9') return -1;
            v = v * 10 + (iso[i] - '0');
        }
        return v;
    };
    if (iso.size() < 20 || iso[4] != '-' || iso[7] != '-' || iso[10] != 'T' || iso[13] != ':' || iso.back() != 'Z')
        return std::string(iso);
    const auto date = parseIsoDate(iso.substr(0, 10));
    const int h = num(11, 2), m = num(14, 2);
    if (!date || h < 0 || h > 23 || m < 0 || m > 59) return std::string(iso);
    const std::int64_t t = daysFromCivil(*date) * 86400 + h * 3600 + m * 60;
    const bool summer = t >= lastSundayOneUtc(date->year, 3) && t < lastSundayOneUtc(date->year, 10);
    const std::int64_t local = t + (summer ? 7200 : 3600);
    const std::int64_t days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    const CivilDate d = civilFromDays(days);
    const std::int64_t secs = local - days * 86400;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d %02d:%02d", d.day, d.month, d.year, static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60));
    return buf;
}

std::string countLabel(std::size_t shown, std::size_t total) {
    const std::string of = " sur " + std::to_string(total);
    if (shown == 0) return "Aucun dossier" + of;
    return std::to_string(shown) + (shown == 1 ? " dossier" : " dossiers") + of;
}

} // namespace passerelle::dossiers
