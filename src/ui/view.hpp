// The view interface, the router and the registry: how screens plug into the app (one view per file).
//
// Adding a screen: write src/ui/<name>_view.cpp with a class deriving from View, end the file with
// PASSERELLE_VIEW(MyView); and it is linked in (src/ui/*.cpp is globbed) and reachable by its id.
// A view that returns a Door also appears on the home screen.
#pragma once

#include "core/establishment.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace passerelle::ui {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* title = nullptr;
};

// The establishment profile as the app holds it, and what happened when reading or saving it.
struct ProfileState {
    Establishment profile;
    std::string loadError; // French, set when /data/profile.json exists but is unreadable
    std::string saveError; // French, set when the last write failed
    std::string importMessage; // French, the result of the last « Importer »
};

// Navigation: a stack of view ids, the home screen at the bottom.
class Router {
public:
    void go(std::string_view viewId);
    void back();
    [[nodiscard]] const std::string& current() const { return m_stack.back(); }
    [[nodiscard]] bool atHome() const { return m_stack.size() == 1; }

private:
    std::vector<std::string> m_stack{"home"};
};

// Everything a view may read or change. Platform capabilities are reached through src/platform.
struct AppContext {
    Router router;
    Fonts fonts;
    std::string referenceDate; // ISO yyyy-mm-dd: the date the rules are checked « comme au »
    ProfileState profile;
    float width = 0; // CSS pixels available to the view, for narrow (phone) layouts
    std::string openDossierId; // the dossier the « dossier » view shows (set by whoever opens it)
    float textScale = 1.0f;    // 1.0 … 2.0: the person's text size (fonts are rebuilt at this size)
    bool highContrast = false; // the high-contrast theme is on
    bool kiosk = false;        // CIO kiosk session: answers stay in memory, summaries are printed
};

// An entry on the home screen.
struct Door {
    int order = 0;
    std::string_view label;    // « Je vérifie mes droits »
    std::string_view audience; // who it is for, one short line
};

class View {
public:
    virtual ~View() = default;
    [[nodiscard]] virtual std::string_view id() const = 0;
    [[nodiscard]] virtual std::string_view title() const = 0; // French, shown in the top bar
    [[nodiscard]] virtual std::optional<Door> door() const { return std::nullopt; }
    // True for screens that show establishment data (dossiers, keys): they open only once the
    // encrypted store is unlocked, and never to a kiosk visitor.
    [[nodiscard]] virtual bool holdsEstablishmentData() const { return false; }
    virtual void draw(AppContext& ctx) = 0;
};

void registerView(std::unique_ptr<View> view);
[[nodiscard]] View* findView(std::string_view id);
[[nodiscard]] const std::vector<std::unique_ptr<View>>& allViews();

} // namespace passerelle::ui

#define PASSERELLE_VIEW_CAT2(a, b) a##b
#define PASSERELLE_VIEW_CAT(a, b) PASSERELLE_VIEW_CAT2(a, b)
#define PASSERELLE_VIEW(Type)                                                                                 \
    [[maybe_unused]] static const bool PASSERELLE_VIEW_CAT(passerelle_view_registered_, __LINE__) =          \
        (::passerelle::ui::registerView(std::make_unique<Type>()), true)
