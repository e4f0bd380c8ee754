// Dossiers made from the establishment's own data: the profile as class lists and dossiers want it, and « Préparer ce dossier » on a verdict card.
#pragma once

#include "core/class_list.hpp"
#include "core/rules.hpp"
#include "ui/focus_ring.hpp"
#include "ui/view.hpp"

#include <string>
#include <string_view>

namespace passerelle::ui {

// The establishment profile in the form dossiers prefill from. The département must be a code (« 13 »):
// what does not read is left out and *note (French) says so; the rest is still used.
[[nodiscard]] dossiers::ClassListProfile dossierProfile(const Establishment& e, std::string* note);

// On an eligible result card, for someone who came as an establishment (profile filled in): a button that
// creates the scheme's dossier from this situation (core createDossierFromVerdict, saved through the
// store) and opens it. Draws nothing otherwise. The button is in `ring` (Tab, Enter) and, like the reason
// when there is no button, in the screen-reader `mirror`.
void drawPrepareDossierButton(AppContext& ctx, const Situation& situation, const SchemeVerdict& verdict,
                              std::string_view cardName, FocusRing& ring, platform::ScreenMirror& mirror);

} // namespace passerelle::ui
