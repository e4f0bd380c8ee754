// Door « Espace établissement »: the school workspace (dossiers, class lists; arrives with issues 4 and 6).
#include "ui/coming_soon.hpp"

namespace passerelle::ui {
namespace {

class EstablishmentView final : public View {
public:
    [[nodiscard]] std::string_view id() const override { return "etablissement"; }
    [[nodiscard]] std::string_view title() const override { return "Espace établissement"; }
    [[nodiscard]] std::optional<Door> door() const override {
        return Door{20, "Espace établissement", "Collège, lycée, CFA, CIO, mission locale : dossiers et listes."};
    }
    void draw(AppContext& ctx) override {
        drawComingSoon(ctx,
                       "Ici, un établissement préparera les dossiers que plusieurs parties remplissent tour à "
                       "tour, et vérifiera une liste de classe d’un coup. Le profil de l’établissement, sur "
                       "l’accueil, est déjà enregistré pour ces dossiers.",
                       "Cette partie arrive avec les dossiers (issue 4) et l’interface complète (issue 6).");
    }
};

} // namespace
} // namespace passerelle::ui

PASSERELLE_VIEW(passerelle::ui::EstablishmentView);
