// The workspace's dossier table: filters, accent-blind search, sortable columns, 10,000 rows drawn through a clipper.
#pragma once

#include "core/dossier_query.hpp"
#include "core/json_strict.hpp"
#include "ui/focus_ring.hpp"
#include "ui/view.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace passerelle::ui {

class DossierTable {
public:
    // Draws the filters, the count and the table (filling the height left, at least `minHeight`). The
    // filters, the search box and the rows drawn join `ring`; the mirror gets the search field, the count
    // and the rows the table shows (not the thousands it does not), each a button that opens its dossier.
    void draw(AppContext& ctx, float minHeight, FocusRing& ring, platform::ScreenMirror& mirror);
    // What the end-to-end tests and the benchmark read: counts, the query, the first rows shown, timings.
    [[nodiscard]] Json testState() const;

private:
    void refresh(AppContext& ctx);
    void drawFilters(AppContext& ctx, FocusRing& ring, platform::ScreenMirror& mirror);
    void drawRows(AppContext& ctx, float height, FocusRing& ring, platform::ScreenMirror& mirror);
    void open(AppContext& ctx, const std::string& id);

    const void* m_store = nullptr;
    std::uint64_t m_generation = ~std::uint64_t{0};
    dossiers::SummaryIndex m_index;
    dossiers::DossierQuery m_query;
    dossiers::DossierQuery m_applied; // what m_rows was computed for
    bool m_stale = true;
    std::vector<std::uint32_t> m_rows;
    std::string m_search;
    int m_focusRow = -1;        // a row keyboard focus must move to (Tab from the search box or a row)
    int m_focusedRow = -1;      // the row that had keyboard focus last frame
    bool m_searchActive = false; // the search box had the keyboard last frame
    bool m_narrow = false;
    std::string m_mirrorFilter;  // the filter whose choices the mirror lists (its button was pressed)
    std::string m_message;       // French, e.g. the dossier screen is not there yet
    double m_indexMs = 0;        // last rebuild of the index (store changed)
    double m_queryMs = 0;        // last filter/search/sort
    int m_rebuilds = 0;
    int m_queries = 0;
};

// The workspace's one table (the test API reads its state).
[[nodiscard]] DossierTable& workspaceTable();
// The class list screen's state for the test API: rows read, errors, valid rows, scheme, created.
[[nodiscard]] Json classListTestState();

} // namespace passerelle::ui
