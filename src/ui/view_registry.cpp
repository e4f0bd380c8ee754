// The view registry and the router.
#include "ui/view.hpp"

namespace passerelle::ui {
namespace {

std::vector<std::unique_ptr<View>>& registry() {
    static std::vector<std::unique_ptr<View>> views; // built during static initialisation
    return views;
}

} // namespace

void registerView(std::unique_ptr<View> view) { registry().push_back(std::move(view)); }

View* findView(std::string_view id) {
    for (const auto& v : registry()) {
        if (v->id() == id) return v.get();
    }
    return nullptr;
}

const std::vector<std::unique_ptr<View>>& allViews() { return registry(); }

void Router::go(std::string_view viewId) {
    if (viewId == current()) return;
    if (viewId == "home") {
        m_stack.resize(1);
        return;
    }
    m_stack.emplace_back(viewId);
}

void Router::back() {
    if (m_stack.size() > 1) m_stack.pop_back();
}

} // namespace passerelle::ui
