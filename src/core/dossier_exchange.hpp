// What travels between parties besides the dossier itself: signed sections read back out of a bundle, a bundle carried inside a hand-off copy.
#pragma once

#include "core/bundle.hpp"
#include "core/dossier.hpp"

#include <optional>
#include <string>
#include <vector>

namespace passerelle::dossiers {

// A hand-off copy may carry the dossier's signed bundle under this top-level member, so that the next
// party signs into it (docs/dossier-editor.md). Readers that do not know it keep it as an unknown key.
inline constexpr const char* kEmbeddedBundleKey = "bundle";

// Removes the embedded bundle from a received document and returns it (nullopt when there is none).
[[nodiscard]] std::optional<Json> takeEmbeddedBundle(Json& document);

// The signed sections of a bundle `report` found valid, as dossier sections: fields and attachments as
// signed, attachment contents inlined when the bundle carries them, signature records as the bundle layer
// defines them (signatureRecord). nullopt with a French reason when the bundle was not verified valid.
[[nodiscard]] std::optional<std::vector<Section>> signedSectionsOf(const Json& bundle, const BundleReport& report,
                                                                   std::string* error);

struct BundleIntake {
    std::vector<std::string> taken;   // signed version newer than ours: taken whole (fields, files, signature)
    std::vector<std::string> learned; // same content as ours: its signature recorded
    std::vector<std::string> kept;    // ours changed since that signature: ours stays, to be signed again
};
// Takes signed sections into `d` without ever replacing newer local work. History and state are the
// caller's (it knows who imports and when).
BundleIntake takeSignedSections(Dossier& d, const std::vector<Section>& sections);

// A dossier known only from a bundle: the definition's sections (empty), the signed ones filled in;
// the title names the young person when a signed section has « nom » and « prenom ».
[[nodiscard]] Dossier dossierFromSignedSections(const DossierDef& def, const std::string& id,
                                                const std::vector<Section>& sections, const Ymd& on);

} // namespace passerelle::dossiers
