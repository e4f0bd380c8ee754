// Importing a dossier received from another party (a hand-off file or a signed bundle) into this browser's store.
#pragma once

#include "ui/view.hpp"

#include <string>

namespace passerelle::ui {

// `bytes` is the file as picked (`fileName` only names it in messages). A hand-off copy (passerelle.dossier/1)
// is merged into the dossier of the same id (core mergeDossier: conflicts kept for the user to resolve) or
// added; a signed bundle (passerelle.bundle/1) is verified, its signed sections taken where newer, and kept
// as the dossier's bundle for the next signatures. On success sets ctx.openDossierId to the dossier and
// returns true; *message (French, one line) says what happened, or why nothing was imported.
bool importReceivedDossier(AppContext& ctx, const std::string& fileName, const std::string& bytes, std::string* message);

} // namespace passerelle::ui
