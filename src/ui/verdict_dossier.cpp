// « Préparer ce dossier » on a verdict card, and the establishment profile as dossiers prefill from it.
#include "ui/verdict_dossier.hpp"

#include "core/dossier_from_verdict.hpp"
#include "ui/dossier_service.hpp"
#include "ui/reflow.hpp"
#include "ui/theme.hpp"
#include "ui/widget_names.hpp"

#include <imgui.h>

#include <map>

namespace passerelle::ui {

namespace pd = dossiers;

pd::ClassListProfile dossierProfile(const Establishment& e, std::string* note) {
    Json j = {{"uai", e.uai}, {"name", e.name}, {"departement", e.department}, {"sector", e.sector}};
    std::string err;
    if (auto p = pd::profileFromJson(j, &err)) return *p;
    if (note) *note = "Profil de l’établissement utilisé en partie : " + err + ".";
    for (const char* drop : {"departement", "sector", "uai"}) {
        j.erase(drop);
        if (auto p = pd::profileFromJson(j, nullptr)) return *p;
    }
    return {};
}

namespace {
// The core's refusal names roles by their ids (« cfa ne peut pas déposer… »): the card says who files, in words.
std::string refusalInWords(const SchemeVerdict& v, std::optional<Role> requester, const std::string& refusal) {
    if (!v.filing || !v.filing->requesterMayFile || *v.filing->requesterMayFile)
        return refusal.substr(0, refusal.find('\n'));
    std::string filers;
    const auto& all = v.filing->allowedFilers;
    for (std::size_t i = 0; i < all.size(); ++i)
        filers += (i == 0 ? "" : i + 1 == all.size() ? " ou " : ", ") + pd::roleLabel(roleName(all[i]));
    const std::string who = requester ? pd::roleLabel(roleName(*requester)) : std::string("ce demandeur");
    if (filers.empty()) return "pas de dossier à préparer ici : " + who + " ne dépose pas cette demande";
    return "pas de dossier à préparer ici : cette demande est déposée par " + filers + ", pas par " + who;
}
} // namespace

void drawPrepareDossierButton(AppContext& ctx, const Situation& situation, const SchemeVerdict& verdict,
                              std::string_view cardName, FocusRing& ring, platform::ScreenMirror& mirror) {
    static std::map<std::string, std::string> s_errors; // scheme → why the last attempt failed (French)
    if (verdict.status != Status::Eligible || ctx.kiosk) return;
    const Establishment& profile = ctx.profile.profile;
    if (profile.name.empty() && profile.uai.empty()) return; // a family or a pupil: not their tool
    const pd::DossierDefs* defs = dossierDefs();
    const pd::DossierDef* def = defs ? defs->find(verdict.scheme) : nullptr;
    if (!def || !dossierStore()) return;
    const std::string refusal = pd::dossierRefusal(verdict, situation.requester);
    if (!refusal.empty()) {
        sayWrapped(mirror, "Dossier : " + refusalInWords(verdict, situation.requester, refusal) + ".", &theme::kMuted);
        nameItem(std::string(cardName) + ".no_dossier");
        return;
    }
    bool pressed = false;
    const std::string name = std::string(cardName) + ".prepare";
    if (dossierStoreReadOnly()) {
        // Disabled: on the canvas only, out of the ring and the mirror (it would offer what cannot be done).
        ImGui::BeginDisabled();
        (void)wrapButton("Préparer ce dossier");
        ImGui::EndDisabled();
        nameItem(name);
        sayWrapped(mirror, "Cet onglet est en lecture seule : le dossier se prépare dans l’autre onglet.");
    } else {
        // Several cards can have one: the mirror's button names its scheme.
        pressed = ring.button("Préparer ce dossier", {0, 0}, name, "Préparer ce dossier — " + def->title);
    }
    if (pressed) {
        pd::CreateOptions opt;
        opt.role = establishmentRole();
        if (opt.role.empty() && situation.requester) opt.role = std::string(roleName(*situation.requester));
        opt.profile = pd::profileToJson(dossierProfile(profile, nullptr));
        std::string why;
        auto d = pd::createDossierFromVerdict(*defs, situation, verdict, opt, &why);
        if (d && saveStoredDossier(*d, &why)) {
            s_errors.erase(verdict.scheme);
            ctx.openDossierId = d->id;
            ctx.router.go(findView("dossier") ? "dossier" : "etablissement");
        } else {
            s_errors[verdict.scheme] = why;
        }
    }
    if (auto it = s_errors.find(verdict.scheme); it != s_errors.end())
        sayWrapped(mirror, "Le dossier n’a pas été créé : " + it->second, &theme::kError);
}

} // namespace passerelle::ui
