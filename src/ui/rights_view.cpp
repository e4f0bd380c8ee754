// Door « Je vérifie mes droits »: the self-check for young people and families (arrives with issues 3 and 6).
#include "ui/coming_soon.hpp"

namespace passerelle::ui {
namespace {

class RightsView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "droits"; }
    [[nodiscard]] std::string_view title() const override { return "Je vérifie mes droits"; }
    [[nodiscard]] std::optional<Door> door() const override {
        return Door{10, "Je vérifie mes droits", "Élève, famille : quelques questions, une réponse expliquée."};
    }
    void draw(AppContext& ctx) override {
        drawComingSoon(ctx,
                       "Ici, un élève ou sa famille répondra à quelques questions et saura à quels dispositifs "
                       "il a droit — apprentissage, stage de seconde, métiers de la sécurité, MLDS — avec les "
                       "textes qui le disent.",
                       "Cette partie arrive avec le moteur de règles (issue 3) et l’interface complète (issue 6).");
    }
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::RightsView);
