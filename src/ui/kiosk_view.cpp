// Door « Mode borne »: the CIO kiosk (its own issue, 7).
#include "ui/coming_soon.hpp"

namespace passerelle::ui {
namespace {

class KioskView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "borne"; }
    [[nodiscard]] std::string_view title() const override { return "Mode borne"; }
    [[nodiscard]] std::optional<Door> door() const override {
        return Door{30, "Mode borne", "CIO : une borne en libre-service qui n’oublie rien… et ne garde rien."};
    }
    void draw(AppContext& ctx) override {
        drawComingSoon(ctx,
                       "Le mode borne fonctionnera sans réseau, en plein écran, et effacera tout entre deux "
                       "visiteurs.",
                       "Cette partie arrive avec la borne hors ligne (issue 7).");
    }
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::KioskView);
