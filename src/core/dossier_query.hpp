// The workspace table's rows: dossier summaries filtered (scheme, state, class, accent-blind search) and sorted, without opening a pack.
#pragma once

#include "core/dossier_store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace passerelle::dossiers {

enum class SummaryColumn { Title, Scheme, Class, State, Holder, Updated };

struct DossierQuery {
    std::string scheme;    // "" = every scheme
    std::string state;     // state name ("brouillon"), "" = every state
    std::string className; // "" = every class; kNoClass = dossiers without one
    std::string search;    // as typed: every word must appear in the title, accents and case ignored
    SummaryColumn sortBy = SummaryColumn::Updated;
    bool descending = true;
    friend bool operator==(const DossierQuery&, const DossierQuery&) = default;
};
inline constexpr std::string_view kNoClass = "\x01sans-classe";

// Built once per store generation (folding every title is the costly part); run() is then cheap enough
// to follow every keystroke of the search box with 10,000 dossiers.
class SummaryIndex {
public:
    SummaryIndex() = default;
    explicit SummaryIndex(std::vector<DossierSummary> rows);

    [[nodiscard]] const std::vector<DossierSummary>& rows() const { return m_rows; }
    // Positions in rows() kept by the query, in its order (ties broken by id, so the order is stable).
    [[nodiscard]] std::vector<std::uint32_t> run(const DossierQuery& q) const;
    // Distinct values present, sorted, for the filter combos (class names sorted naturally: « 3e B » < « 3e C »).
    [[nodiscard]] const std::vector<std::string>& schemes() const { return m_schemes; }
    [[nodiscard]] const std::vector<std::string>& states() const { return m_states; } // lifecycle order
    [[nodiscard]] const std::vector<std::string>& classes() const { return m_classes; }
    [[nodiscard]] bool hasRowsWithoutClass() const { return m_withoutClass; }

private:
    std::vector<DossierSummary> m_rows;
    std::vector<std::string> m_foldedTitles, m_foldedClasses;
    std::vector<int> m_stateRank;
    std::vector<std::string> m_schemes, m_states, m_classes;
    bool m_withoutClass = false;
};

// "2026-05-04T10:00:00Z" (UTC, as dossiers record it) → « 04/05/2026 12:00 », Paris time (CET/CEST by the
// EU rule); the input unchanged when it is not such a timestamp.
[[nodiscard]] std::string parisDateTime(std::string_view isoUtc);

// « 37 dossiers sur 412 », « 1 dossier sur 1 », « Aucun dossier sur 412 ».
[[nodiscard]] std::string countLabel(std::size_t shown, std::size_t total);

} // namespace passerelle::dossiers
