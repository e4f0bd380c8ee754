// The workspace's dossier table: rows from the store's summaries (no pack opened), recomputed only when the store or the query changes.
//
// [SECTION] Cache: index per store generation, rows per query
// [SECTION] Filters, search, count
// [SECTION] Rows: clipper, sort specs, keyboard
// [SECTION] Test state
#include "ui/dossier_table.hpp"

#include "app/frame_loop.hpp"
#include "core/dossier_def.hpp"
#include "ui/dossier_service.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <chrono>

namespace passerelle::ui {
namespace {

namespace pd = dossiers;

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

std::string schemeLabel(const std::string& scheme) {
    const pd::DossierDefs* defs = dossierDefs();
    const pd::DossierDef* def = defs ? defs->find(scheme) : nullptr;
    return def ? def->title : scheme;
}

std::string stateText(const std::string& state) {
    const auto s = pd::stateByName(state);
    std::string label(s ? pd::stateLabel(*s) : std::string_view(state));
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
    return label;
}

// Titles read « DUPONT Léa — Sécurisation 15 ans »: the scheme has its own column, the pupil is what is left.
std::string pupilOf(const pd::DossierSummary& s) {
    const std::string suffix = " — " + schemeLabel(s.scheme);
    if (s.title.size() > suffix.size() && s.title.compare(s.title.size() - suffix.size(), suffix.size(), suffix) == 0)
        return s.title.substr(0, s.title.size() - suffix.size());
    return s.title.empty() ? "(sans nom) " + s.id.substr(0, 8) : s.title;
}

std::string holderText(const std::string& holder) {
    if (holder.empty()) return "—";
    std::string label = pd::roleLabel(holder);
    // « le CFA » → « Le CFA »: a cell starts with a capital; « l'élève » → « L'élève ».
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
    return label;
}

struct Column {
    pd::SummaryColumn key;
    const char* header;
    const char* name; // for nameItem: "etab.header.<name>"
};
constexpr Column kColumns[] = {
    {pd::SummaryColumn::Title, "Élève", "eleve"},
    {pd::SummaryColumn::Scheme, "Dispositif", "dispositif"},
    {pd::SummaryColumn::Class, "Classe", "classe"},
    {pd::SummaryColumn::State, "État", "etat"},
    {pd::SummaryColumn::Holder, "À qui la main", "main"},
    {pd::SummaryColumn::Updated, "Modifié le", "modifie"},
};
// A phone keeps who and where the dossier stands; the rest is one tap away in the dossier.
constexpr pd::SummaryColumn kNarrowColumns[] = {pd::SummaryColumn::Title, pd::SummaryColumn::State};

bool keyPressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); }

} // namespace

DossierTable& workspaceTable() {
    static DossierTable table;
    return table;
}

// -----------------------------------------------------------------------------
// [SECTION] Cache: index per store generation, rows per query
// -----------------------------------------------------------------------------
void DossierTable::refresh(AppContext&) {
    const pd::DirectoryStore* store = dossierStore();
    const std::uint64_t gen = store ? store->generation() : 0;
    if (store != m_store || gen != m_generation) {
        const auto t0 = std::chrono::steady_clock::now();
        m_index = store ? pd::SummaryIndex(store->summaries()) : pd::SummaryIndex();
        m_store = store;
        m_generation = gen;
        m_indexMs = msSince(t0);
        ++m_rebuilds;
        m_stale = true;
    }
    m_query.search = m_search;
    if (m_stale || !(m_query == m_applied)) {
        const auto t0 = std::chrono::steady_clock::now();
        m_rows = m_index.run(m_query);
        m_applied = m_query;
        m_queryMs = msSince(t0);
        ++m_queries;
        app::requestFrames(); // the new rows (and a closing combo) are drawn even if no input follows
        m_stale = false;
        if (m_focusedRow >= static_cast<int>(m_rows.size())) m_focusedRow = -1;
    }
}

// -----------------------------------------------------------------------------
// [SECTION] Filters, search, count
// -----------------------------------------------------------------------------
void DossierTable::drawFilters(AppContext& ctx, FocusRing& ring, platform::ScreenMirror& mirror) {
    const float w = std::max(160.0f, std::min(260.0f * ctx.textScale, ctx.width - 24));
    auto combo = [&](const char* id, const char* name, const char* spoken, const std::string& allLabel, std::string& value,
                     const std::vector<std::string>& values, auto labelOf, bool withNone) {
        const std::string preview = value.empty() ? allLabel : (value == pd::kNoClass ? "Sans classe" : labelOf(value));
        ImGui::SetNextItemWidth(w);
        if (ImGui::BeginCombo(id, preview.c_str())) {
            if (ImGui::Selectable(allLabel.c_str(), value.empty())) value.clear();
            nameItem(std::string(name) + ".all");
            for (std::size_t k = 0; k < values.size(); ++k) {
                ImGui::PushID(static_cast<int>(k));
                if (ImGui::Selectable(labelOf(values[k]).c_str(), value == values[k])) value = values[k];
                nameItem(std::string(name) + "." + std::to_string(k));
                ImGui::PopID();
            }
            if (withNone && ImGui::Selectable("Sans classe", value == pd::kNoClass)) value = std::string(pd::kNoClass);
            if (withNone) nameItem(std::string(name) + ".none");
            ImGui::EndCombo();
        }
        nameItem(name);
        // In the mirror the combo is a button that shows or hides its choices, each a button too.
        if (ring.combo(name, ImGui::GetID(id))) m_mirrorFilter = m_mirrorFilter == name ? std::string() : std::string(name);
        const bool open = m_mirrorFilter == name;
        mirrorButtonf(mirror, name, "%s : %s%s", spoken, preview.c_str(), open ? " (fermer la liste)" : " (changer)");
        if (!open) return;
        auto choice = [&](const std::string& label, const std::string& v, const std::string& itemName) {
            mirrorButtonf(mirror, itemName, "%s%s", label.c_str(), value == v ? " (choisi)" : "");
            if (platform::screenReaderActivated(itemName)) {
                value = v;
                m_mirrorFilter.clear();
            }
        };
        choice(allLabel, std::string(), std::string(name) + ".all");
        for (std::size_t k = 0; k < values.size(); ++k) choice(labelOf(values[k]), values[k], std::string(name) + "." + std::to_string(k));
        if (withNone) choice("Sans classe", std::string(pd::kNoClass), std::string(name) + ".none");
    };
    auto fits = [&](float next) {
        const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next;
        if (right <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) ImGui::SameLine();
    };
    combo("##dispositif", "etab.filter.scheme", "Filtrer par dispositif", "Tous les dispositifs", m_query.scheme, m_index.schemes(), schemeLabel, false);
    fits(w);
    combo("##etat", "etab.filter.state", "Filtrer par état", "Tous les états", m_query.state, m_index.states(), stateText, false);
    fits(w);
    combo("##classe", "etab.filter.class", "Filtrer par classe", "Toutes les classes", m_query.className, m_index.classes(),
          +[](const std::string& c) { return c; }, m_index.hasRowsWithoutClass() && !m_index.classes().empty());
    ImGui::SetNextItemWidth(std::min(360.0f * ctx.textScale, ctx.width - 24));
    const ImGuiID searchId = ImGui::GetID("##recherche");
    (void)takeMirrorText("etab.search", searchId, m_search);
    (void)mirrorField(mirror, "Rechercher un élève (nom ou prénom)", "etab.search", m_search, "");
    ring.fieldBefore(searchId);
    // CallbackCompletion: ImGui then leaves Tab to us (alone, it would keep the focus in the only text field).
    ImGui::InputTextWithHint("##recherche", "Rechercher un élève…", &m_search,
                             ImGuiInputTextFlags_CallbackCompletion, [](ImGuiInputTextCallbackData*) { return 0; });
    nameItem("etab.search");
    const bool searchActive = ImGui::GetActiveID() == searchId;
    if (m_searchActive && searchActive && keyPressed(ImGuiKey_Tab) && !ImGui::GetIO().KeyShift && !m_rows.empty()) {
        m_focusRow = 0; // Tab leaves the search box for the first row (ImGui alone would stay in the box)
        ImGui::ClearActiveID();
        ring.tabHandled();
    }
    m_searchActive = searchActive;
    const bool filtered = !m_query.scheme.empty() || !m_query.state.empty() || !m_query.className.empty() || !m_search.empty();
    if (filtered) {
        // Under the search field when it does not fit beside it: on a phone the field takes the whole
        // width and the button was squeezed behind the scrollbar, out of reach.
        sameLineIfFits("Effacer les filtres");
        if (ring.button("Effacer les filtres", {0, 0}, "etab.filter.clear")) {
            m_query.scheme.clear();
            m_query.state.clear();
            m_query.className.clear();
            m_search.clear();
        }
    }
    refresh(ctx); // the filters just drawn may have changed: the count below is this frame's
    ImGui::PushFont(ctx.fonts.bold);
    const std::string count = pd::countLabel(m_rows.size(), m_index.rows().size());
    ImGui::TextUnformatted(count.c_str());
    ImGui::PopFont();
    nameItem("etab.count");
    mirrorSay(mirror, count);
    mirror.announcement = count; // said when it changes: the person typing a name hears how many are left
}

// -----------------------------------------------------------------------------
// [SECTION] Rows: clipper, sort specs, keyboard
// -----------------------------------------------------------------------------
void DossierTable::drawRows(AppContext& ctx, float height, FocusRing& ring, platform::ScreenMirror& mirror) {
    m_narrow = ctx.width < 600;
    std::vector<Column> cols;
    for (const auto& c : kColumns)
        if (!m_narrow || std::find(std::begin(kNarrowColumns), std::end(kNarrowColumns), c.key) != std::end(kNarrowColumns))
            cols.push_back(c);
    constexpr ImGuiTableFlags kFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                       ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
    // Different ids: the phone table's sort state must not be read with the desktop's column numbers.
    if (!ImGui::BeginTable(m_narrow ? "etab.table.narrow" : "etab.table", static_cast<int>(cols.size()), kFlags, {0, height}))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const auto& c : cols) {
        ImGuiTableColumnFlags f = ImGuiTableColumnFlags_None;
        float weight = 1.0f;
        if (c.key == pd::SummaryColumn::Title) weight = 2.2f;
        if (c.key == pd::SummaryColumn::Scheme) weight = 1.8f;
        if (c.key == pd::SummaryColumn::Class) weight = 0.7f;
        if (c.key == m_query.sortBy) {
            f |= ImGuiTableColumnFlags_DefaultSort;
            f |= m_query.descending ? ImGuiTableColumnFlags_PreferSortDescending : ImGuiTableColumnFlags_PreferSortAscending;
        }
        ImGui::TableSetupColumn(c.header, f, weight, static_cast<ImGuiID>(c.key));
    }
    // Headers drawn one by one so that each can be named (tests click them to sort).
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (std::size_t i = 0; i < cols.size(); ++i) {
        ImGui::TableSetColumnIndex(static_cast<int>(i));
        ImGui::TableHeader(cols[i].header);
        nameItem(std::string("etab.header.") + cols[i].name);
    }
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
        if (specs->SpecsCount > 0) {
            m_query.sortBy = static_cast<pd::SummaryColumn>(specs->Specs[0].ColumnUserID);
            m_query.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        }
        specs->SpecsDirty = false;
        refresh(ctx);
    }

    const auto& all = m_index.rows();
    const int count = static_cast<int>(m_rows.size());
    const bool tab = keyPressed(ImGuiKey_Tab);
    const bool shift = ImGui::GetIO().KeyShift;
    int focusedNow = -1;
    std::string toOpen;
    ImGuiListClipper clipper;
    clipper.Begin(count);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const pd::DossierSummary& s = all[m_rows[static_cast<std::size_t>(i)]];
            ImGui::TableNextRow();
            ImGui::PushID(s.id.c_str());
            for (std::size_t c = 0; c < cols.size(); ++c) {
                ImGui::TableSetColumnIndex(static_cast<int>(c));
                switch (cols[c].key) {
                case pd::SummaryColumn::Title: {
                    const std::string pupil = pupilOf(s);
                    // The whole row is one target: clicked, tapped, or reached by keyboard.
                    if (ImGui::Selectable(pupil.c_str(), i == m_focusedRow,
                                          ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
                        toOpen = s.id;
                    const std::string rowName = "etab.row." + std::to_string(i);
                    nameItem(rowName);
                    if (ring.item(rowName)) toOpen = s.id; // Enter, or the mirror's « Ouvrir le dossier de … »
                    mirrorButtonf(mirror, rowName, "Ouvrir le dossier de %s — %s%s%s, %s, main : %s", pupil.c_str(), schemeLabel(s.scheme).c_str(),
                                  s.className.empty() ? "" : ", ", s.className.c_str(), stateText(s.state).c_str(), holderText(s.holder).c_str());
                    if (m_focusRow == i) {
                        ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
                        GImGui->NavDisableHighlight = false;
                        GImGui->NavDisableMouseHover = true;
                        ImGui::SetScrollHereY(0.5f);
                        m_focusRow = -1;
                        app::requestFrames(2);
                    }
                    if (ImGui::IsItemFocused()) {
                        focusedNow = i;
                        // Between rows the table moves the focus (the next row may not be drawn yet); from the
                        // last row, or back from the first, the ring takes over.
                        if (tab && !shift && i + 1 < count) m_focusRow = i + 1;
                        if (tab && shift && i > 0) m_focusRow = i - 1;
                        if (m_focusRow >= 0) ring.tabHandled();
                    }
                    break;
                }
                case pd::SummaryColumn::Scheme: ImGui::TextUnformatted(schemeLabel(s.scheme).c_str()); break;
                case pd::SummaryColumn::Class: ImGui::TextUnformatted(s.className.empty() ? "—" : s.className.c_str()); break;
                case pd::SummaryColumn::State: ImGui::TextUnformatted(stateText(s.state).c_str()); break;
                case pd::SummaryColumn::Holder: ImGui::TextUnformatted(holderText(s.holder).c_str()); break;
                case pd::SummaryColumn::Updated: ImGui::TextUnformatted(pd::parisDateTime(s.updatedAt).c_str()); break;
                }
            }
            ImGui::PopID();
        }
    }
    // The row keyboard focus goes to is outside the drawn range: scroll to it, focus it next frame.
    if (m_focusRow >= 0 && m_focusRow < count && (m_focusRow < clipper.DisplayStart || m_focusRow >= clipper.DisplayEnd)) {
        const float rowH = clipper.ItemsHeight > 0 ? clipper.ItemsHeight : ImGui::GetFrameHeight();
        ImGui::SetScrollY(std::max(0.0f, static_cast<float>(m_focusRow) * rowH - ImGui::GetWindowHeight() * 0.5f));
        app::requestFrames(3);
    } else if (m_focusRow >= count) {
        m_focusRow = -1;
    }
    m_focusedRow = focusedNow;
    ImGui::EndTable();
    if (!toOpen.empty()) open(ctx, toOpen);
}

void DossierTable::open(AppContext& ctx, const std::string& id) {
    if (!findView("dossier")) {
        m_message = "L’écran du dossier n’est pas encore disponible dans cette version.";
        return;
    }
    m_message.clear();
    ctx.openDossierId = id;
    ctx.router.go("dossier");
}

void DossierTable::draw(AppContext& ctx, float minHeight, FocusRing& ring, platform::ScreenMirror& mirror) {
    refresh(ctx);
    drawFilters(ctx, ring, mirror);
    if (!m_message.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, theme::kWarning);
        ImGui::TextWrapped("%s", m_message.c_str());
        ImGui::PopStyleColor();
        mirrorSay(mirror, m_message);
    }
    if (m_index.rows().empty()) {
        ImGui::TextWrapped("Aucun dossier dans ce navigateur pour l’instant : créez-en depuis une liste de classe, "
                           "depuis les résultats d’une vérification, ou importez un dossier reçu.");
        nameItem("etab.empty");
        mirrorSay(mirror, "Aucun dossier dans ce navigateur pour l’instant : créez-en depuis une liste de classe, "
                               "depuis les résultats d’une vérification, ou importez un dossier reçu.");
        return;
    }
    const float height = std::max(minHeight, ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y);
    drawRows(ctx, height, ring, mirror);
}

// -----------------------------------------------------------------------------
// [SECTION] Test state
// -----------------------------------------------------------------------------
Json DossierTable::testState() const {
    Json rows = Json::array();
    const auto& all = m_index.rows();
    for (std::size_t i = 0; i < m_rows.size() && i < 50; ++i) {
        const auto& s = all[m_rows[i]];
        rows.push_back({{"id", s.id}, {"pupil", pupilOf(s)}, {"scheme", s.scheme}, {"className", s.className},
                        {"state", s.state}, {"holder", s.holder}, {"updatedAt", s.updatedAt}});
    }
    static const char* kSortNames[] = {"eleve", "dispositif", "classe", "etat", "main", "modifie"};
    return {{"shown", m_rows.size()},
            {"total", all.size()},
            {"count", pd::countLabel(m_rows.size(), all.size())},
            {"query",
             {{"scheme", m_applied.scheme},
              {"state", m_applied.state},
              {"className", m_applied.className},
              {"search", m_applied.search},
              {"sortBy", kSortNames[static_cast<int>(m_applied.sortBy)]},
              {"descending", m_applied.descending}}},
            {"rows", rows},
            {"focusedRow", m_focusedRow},
            {"narrow", m_narrow},
            {"message", m_message},
            {"indexMs", m_indexMs},
            {"queryMs", m_queryMs},
            {"rebuilds", m_rebuilds},
            {"queries", m_queries}};
}

} // namespace passerelle::ui
