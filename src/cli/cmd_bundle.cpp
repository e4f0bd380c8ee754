// The signed-bundle subcommands: keygen, sign, verify, canon (see docs/bundle-format.md).
#include "cli/commands.hpp"
#include "cli/dossier_cli_support.hpp"

#include "core/bundle.hpp"
#include "core/jcs.hpp"
#include "core/jwk.hpp"
#include "core/sodium_util.hpp"
#include "core/trust_list.hpp"

#include <cstdio>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace passerelle::cli {
namespace {

using dossier_support::fail;
using dossier_support::readFile;
using Args = dossier_support::Options;

std::optional<std::string> readPassphrase(const Args& a, int& rc) {
    const auto file = a.value("--passphrase-file");
    if (!file)
        return std::string();
    std::string text;
    if (!readFile(*file, text)) {
        rc = fail(2, "fichier de phrase de passe illisible : " + *file);
        return std::nullopt;
    }
    text = passphraseFromFile(std::move(text));
    if (text.empty()) {
        rc = fail(2, "la phrase de passe est vide : " + *file);
        return std::nullopt;
    }
    return text;
}

//-----------------------------------------------------------------------------
// keygen
//-----------------------------------------------------------------------------
int runKeygen(const std::vector<std::string>& argv) {
    const Args a(argv, {"--out", "--passphrase-file"}, {});
    if (!a.problem.empty())
        return fail(2, a.problem);
    const auto out = a.value("--out");
    if (!out || !a.positional.empty())
        return fail(2, "utilisation : passerelle keygen --out CLE.jwk [--passphrase-file F]");
    int rc = 0;
    const auto passphrase = readPassphrase(a, rc);
    if (!passphrase)
        return rc;
    if (!sodiumReady())
        return fail(1, "libsodium n'a pas pu démarrer");
    const SigningKey key = SigningKey::generate();
    const std::string text = keyFileText(key, *passphrase);
    if (text.empty())
        return fail(1, "mémoire insuffisante pour dériver la clé de la phrase de passe");
    // O_EXCL: never overwrite a key (losing one loses the ability to re-sign); 0600: private.
    const int fd = ::open(out->c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return fail(2, "impossible de créer " + *out + " (le fichier existe déjà ? une clé n'est jamais écrasée)");
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ::close(fd);
    if (!ok)
        return fail(2, "écriture de " + *out + " incomplète");
    Json pub = publicJwk(key.publicKey());
    pub["kid"] = key.kid();
    std::printf("%s\n", pub.dump().c_str());
    std::fprintf(stderr, "clé privée %s dans %s ; clé publique (JWK) ci-dessus, kid %s\n",
                 passphrase->empty() ? "NON chiffrée" : "chiffrée (Argon2id + XChaCha20-Poly1305)", out->c_str(),
                 key.kid().c_str());
    return 0;
}

//-----------------------------------------------------------------------------
// sign
//-----------------------------------------------------------------------------
int runSign(const std::vector<std::string>& argv) {
    const Args a(argv, {"--key", "--passphrase-file", "--role", "--into"}, {"--manifest"});
    if (!a.problem.empty())
        return fail(2, a.problem);
    const auto keyPath = a.value("--key");
    const auto role = a.value("--role");
    const bool manifest = a.flag("--manifest");
    if (!keyPath || !role || a.positional.size() > 1 || (a.positional.empty() && !manifest) ||
        (a.positional.empty() && !a.value("--into")))
        return fail(2, "utilisation : passerelle sign --key CLE.jwk [--passphrase-file F] --role ROLE DOSSIER.json "
                        "[--into PAQUET.json] [--manifest]");
    if (!isKnownRole(*role))
        return fail(2, "rôle inconnu « " + *role + " »");
    int rc = 0;
    const auto passphrase = readPassphrase(a, rc);
    if (!passphrase)
        return rc;
    std::string keyText;
    if (!readFile(*keyPath, keyText))
        return fail(2, "fichier de clé illisible : " + *keyPath);
    std::string why;
    const auto key = loadKeyFile(keyText, passphrase->empty() ? std::nullopt : std::optional<std::string_view>(*passphrase), &why);
    if (!key)
        return fail(1, why);

    std::optional<Json> into;
    if (const auto intoPath = a.value("--into")) {
        std::string text;
        if (!readFile(*intoPath, text))
            return fail(2, "paquet illisible : " + *intoPath);
        if (text.empty())
            return fail(2, "le paquet " + *intoPath +
                                " est vide (rediriger la sortie vers ce même fichier l'efface : écrivez dans un autre fichier)");
        JsonError jerr;
        into = parseStrict(text, &jerr);
        if (!into)
            return fail(2, "paquet illisible (" + *intoPath + ") : " + jerr.message);
    }
    Json bundle;
    std::vector<std::string> notes;
    if (!a.positional.empty()) {
        std::string text;
        if (!readFile(a.positional[0], text))
            return fail(2, "dossier illisible : " + a.positional[0]);
        JsonError jerr;
        const auto dossier = parseStrict(text, &jerr);
        if (!dossier)
            return fail(2, "dossier illisible (" + a.positional[0] + ") : " + jerr.message);
        auto out = signSections(*dossier, *role, *key, into ? &*into : nullptr, utcNowIso());
        if (!out.bundle)
            return fail(1, out.error);
        bundle = std::move(*out.bundle);
        notes = std::move(out.notes);
    } else {
        bundle = std::move(*into);
    }
    if (manifest) {
        auto out = signManifest(bundle, *role, *key);
        if (!out.bundle)
            return fail(1, out.error);
        bundle = std::move(*out.bundle);
        notes.insert(notes.end(), out.notes.begin(), out.notes.end());
    }
    for (const auto& n : notes)
        std::fprintf(stderr, "note : %s\n", n.c_str());
    std::fputs(bundleToText(bundle).c_str(), stdout);
    return 0;
}

//-----------------------------------------------------------------------------
// verify
//-----------------------------------------------------------------------------
int runVerify(const std::vector<std::string>& argv) {
    const Args a(argv, {"--trust"}, {"--complet"});
    if (!a.problem.empty())
        return fail(2, a.problem);
    if (a.positional.size() != 1)
        return fail(2, "utilisation : passerelle verify PAQUET.json [--trust JWKS.json] [--complet]");
    std::optional<TrustList> trust;
    if (const auto path = a.value("--trust")) {
        std::string text;
        if (!readFile(*path, text))
            return fail(2, "liste de confiance illisible : " + *path);
        std::string why;
        trust = TrustList::parse(text, &why);
        if (!trust)
            return fail(2, why);
    }
    std::string text;
    if (!readFile(a.positional[0], text))
        return fail(2, "paquet illisible : " + a.positional[0]);
    const auto r = verifyBundle(text, trust ? &*trust : nullptr);
    if (!r.readable)
        return fail(2, r.error);
    if (!r.valid) {
        std::fprintf(stderr, "INVALIDE : %s\n", r.error.c_str());
        return 1;
    }
    std::printf("paquet %s (%s) : signatures valides, %s\n", r.bundleId.c_str(), r.scheme.c_str(),
                r.complete() ? "complet" : "incomplet");
    for (const auto& s : r.sections)
        std::printf("  section %s (%s, version %lld) : %s%s\n", s.id.c_str(), s.role.c_str(),
                    static_cast<long long>(s.version), describeSignature(s).c_str(),
                    s.previous.empty() ? "" : ", suit une version antérieure");
    for (const auto& at : r.attachments)
        std::printf("  pièce jointe %s (%s, %lld octets, section %s) : %s\n", at.name.c_str(), at.mediaType.c_str(),
                    static_cast<long long>(at.size), at.section.c_str(),
                    at.embedded ? "incluse et intacte" : "non incluse (référencée par son SHA-256)");
    for (const auto& [id, role] : r.missing)
        std::printf("  manque : section %s (%s) pas encore signée\n", id.c_str(), role.c_str());
    if (!r.manifestPresent) {
        std::printf("  manque : manifeste (à co-signer par chaque partie : passerelle sign --manifest)\n");
    } else {
        std::string by;
        for (const auto& s : r.manifestSigners)
            by += (by.empty() ? "" : ", ") + s;
        std::printf("  manifeste co-signé par : %s\n", by.c_str());
        for (const auto& p : r.manifestPending)
            std::printf("  manque : co-signature du manifeste par %s\n", p.c_str());
    }
    std::printf("  %s\n", kWhatSignaturesProve);
    if (a.flag("--complet") && !r.complete()) {
        std::fprintf(stderr, "INCOMPLET : %s\n",
                     !r.missing.empty() ? ("section " + r.missing.front().first + " non signée").c_str()
                                        : "manifeste pas encore co-signé par toutes les parties");
        return 1;
    }
    return 0;
}

//-----------------------------------------------------------------------------
// canon
//-----------------------------------------------------------------------------
int runCanon(const std::vector<std::string>& argv) {
    if (argv.size() != 1)
        return fail(2, "utilisation : passerelle canon FICHIER.json   (ou - pour l'entrée standard)");
    std::string text;
    if (!readFile(argv[0], text))
        return fail(2, "fichier illisible : " + argv[0]);
    JsonError jerr;
    const auto doc = parseStrict(text, &jerr);
    if (!doc)
        return fail(2, jerr.message);
    std::string why;
    const auto canon = canonicalize(*doc, &why);
    if (!canon)
        return fail(2, why);
    std::fwrite(canon->data(), 1, canon->size(), stdout);
    return 0;
}

} // namespace

PASSERELLE_COMMAND("keygen", "keygen --out CLE.jwk [--passphrase-file F]", &runKeygen);
PASSERELLE_COMMAND("sign",
                   "sign --key CLE.jwk [--passphrase-file F] --role ROLE DOSSIER.json [--into PAQUET.json] > PAQUET.json\n"
                   "sign --key CLE.jwk [--passphrase-file F] --role ROLE --manifest --into PAQUET.json > PAQUET.json",
                   &runSign);
PASSERELLE_COMMAND("verify", "verify PAQUET.json [--trust JWKS.json] [--complet]", &runVerify);
PASSERELLE_COMMAND("canon", "canon FICHIER.json   (forme canonique RFC 8785)", &runCanon);

} // namespace passerelle::cli
