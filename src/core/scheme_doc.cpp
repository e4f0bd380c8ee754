// Writes the Markdown pages of docs/schemes/ from a RuleSet: who, conditions, filers, windows, documents, sources.
#include "core/scheme_doc.hpp"

#include <algorithm>

namespace passerelle {

std::string schemeDocName(const std::string& schemeId) {
    std::string out;
    for (const char c : schemeId) {
        if (c == '/')
            out += "--";
        else
            out += c;
    }
    return out + ".md";
}

namespace {

std::string valuesOf(const CondNode& n) {
    const FactSpec& spec = factSpec(n.fact);
    std::string out;
    for (std::size_t i = 0; i < spec.choices.size(); ++i)
        if ((n.mask[i / 64] >> (i % 64)) & 1u)
            out += (out.empty() ? "" : ", ") + std::string(spec.choices[i]);
    if (n.noneOk)
        out += (out.empty() ? "" : ", ") + std::string("null (aucun)");
    return out;
}

std::string ageText(const CondNode& n, const char* what) {
    if (n.b < 0)
        return std::string(what) + " ≥ " + std::to_string(n.a) + " ans";
    if (n.a == n.b)
        return std::string(what) + " = " + std::to_string(n.a) + " ans";
    if (n.a == 0)
        return std::string(what) + " ≤ " + std::to_string(n.b) + " ans";
    return std::string(what) + " de " + std::to_string(n.a) + " à " + std::to_string(n.b) + " ans";
}

std::string refsText(const std::vector<std::string>& refs) {
    std::string out;
    for (const auto& r : refs)
        out += (out.empty() ? "" : " ; ") + r;
    return out;
}

std::string rangeText(const DateRange& r) {
    if (r.from && r.to)
        return "du " + formatFrenchDate(*r.from) + " au " + formatFrenchDate(*r.to);
    if (r.from)
        return "à partir du " + formatFrenchDate(*r.from) + ", sans date de fin";
    if (r.to)
        return "jusqu'au " + formatFrenchDate(*r.to);
    return "toujours";
}

const std::string& templateText(const RuleSet& rules, std::int32_t index) {
    static const std::string empty;
    return index < 0 ? empty : rules.templates()[static_cast<std::size_t>(index)].source;
}

// What is said for one outcome: the condition's own text, or (an "any" that holds, an "all" that
// fails) the texts of its branches, one of which is said.
std::string outcomeText(const RuleSet& rules, const CondNode& n, bool outcome) {
    const std::int32_t own = outcome ? n.ifTrue : n.ifFalse;
    if (own >= 0)
        return "« " + templateText(rules, own) + " »";
    std::string out;
    for (std::uint32_t k = 0; k < n.count; ++k) {
        const CondNode& child = rules.nodes()[rules.children()[n.first + k]];
        const std::int32_t t = outcome ? child.ifTrue : child.ifFalse;
        if (t >= 0)
            out += (out.empty() ? "selon le cas, « " : " ou « ") + templateText(rules, t) + " »";
    }
    return out;
}

} // namespace

std::string describeCondition(const RuleSet& rules, std::uint32_t index) {
    const CondNode& n = rules.nodes()[index];
    const std::string path = "`" + std::string(factPath(n.fact)) + "`";
    auto joinKids = [&](const char* sep) {
        std::string out;
        for (std::uint32_t k = 0; k < n.count; ++k) {
            const CondNode& child = rules.nodes()[rules.children()[n.first + k]];
            const bool paren = child.op == CondNode::Op::All || child.op == CondNode::Op::Any;
            const std::string text = describeCondition(rules, rules.children()[n.first + k]);
            out += (k ? sep : "") + (paren ? "(" + text + ")" : text);
        }
        return out;
    };
    switch (n.op) {
    case CondNode::Op::All: return joinKids(" et ");
    case CondNode::Op::Any: return joinKids(" ou ");
    case CondNode::Op::Not: return "non (" + joinKids("") + ")";
    case CondNode::Op::BoolIs: return path + " = " + (n.a ? "oui" : "non");
    case CondNode::Op::ChoiceIn: return path + " parmi {" + valuesOf(n) + "}";
    case CondNode::Op::SetContainsAny: return path + " contient l'un de {" + valuesOf(n) + "}";
    case CondNode::Op::Age: return ageText(n, "âge à la date de référence");
    case CondNode::Op::AgeDec31: return ageText(n, "âge au 31 décembre de l'année de référence");
    case CondNode::Op::WithinMonths:
        return "date de référence entre " + path + " et " + std::to_string(n.a) + " mois après (une date absente, null, ne compte pas)";
    }
    return "";
}

std::vector<RuleFile> schemeDocs(const RuleSet& rules) {
    std::vector<RuleFile> out;
    std::string index = "# Dispositifs\n\n"
                        "Pages générées par `passerelle rules doc assets/rules docs/schemes` à partir des paquets de règles "
                        "(`assets/rules/*.json`). Ne pas les modifier à la main : modifier le paquet, puis régénérer.\n\n"
                        "| Dispositif | Identifiant | Paquet |\n|---|---|---|\n";
    for (const Scheme& s : rules.schemes()) {
        const RulePack& pack = rules.packOf(s);
        index += "| [" + s.title + "](" + schemeDocName(s.id) + ") | `" + s.id + "` | " + pack.id + " " + pack.version + " |\n";

        std::string md = "# " + s.title + "\n\n";
        md += "Identifiant : `" + s.id + "` — paquet « " + pack.title + " » (`" + pack.id + "`, version " + pack.version +
              "), à jour au " + formatFrenchDate(pack.upToDate) + ".";
        if (pack.validFrom || pack.validTo)
            md += " Validité : " + rangeText({pack.validFrom, pack.validTo}) + ".";
        md += "\n\n" + s.description + "\n\n";

        md += "## Qui peut en bénéficier\n\nToutes ces conditions doivent être remplies :\n\n";
        for (std::size_t i = 0; i < s.conditions.size(); ++i) {
            const SchemeCondition& c = s.conditions[i];
            const CondNode& n = rules.nodes()[c.node];
            md += std::to_string(i + 1) + ". **" + (c.summary.empty() ? describeCondition(rules, c.node) : c.summary) + "**\n";
            md += "   - Règle : " + describeCondition(rules, c.node) + "\n";
            md += "   - Si oui : " + outcomeText(rules, n, true) + "\n";
            md += "   - Sinon : " + outcomeText(rules, n, false) + "\n";
            md += "   - Sources : " + refsText(c.refs) + "\n";
        }
        md += "\n";

        if (!s.notes.empty()) {
            md += "## Bon à savoir\n\n";
            for (const SchemeNote& note : s.notes) {
                md += "- " + templateText(rules, note.text);
                if (note.when >= 0)
                    md += " *(quand : " + describeCondition(rules, static_cast<std::uint32_t>(note.when)) + ")*";
                if (note.show == SchemeNote::Show::OnlyNotEligible)
                    md += " *(dit seulement quand la réponse est non)*";
                else if (note.show == SchemeNote::Show::Always)
                    md += " *(dit dans tous les cas)*";
                md += " — " + refsText(note.refs) + "\n";
            }
            md += "\n";
        }

        md += "## Qui dépose la demande\n\n";
        if (!s.hasFiling) {
            md += "Rien à déposer.\n\n";
        } else {
            md += "- Instruction : " + (s.instructor ? *s.instructor : std::string("aucune (démarche personnelle)")) + "\n";
            md += "- Peuvent déposer :";
            for (const FilerRule& f : s.filers) {
                md += std::string(&f == &s.filers.front() ? " " : ", ") + rules.roleLabel(f.role) + " (`" + std::string(roleName(f.role)) + "`";
                if (f.when >= 0)
                    md += ", si " + describeCondition(rules, static_cast<std::uint32_t>(f.when));
                md += ")";
            }
            md += "\n";
            if (s.filingReason >= 0)
                md += "- Ce que l'on dit : « " + templateText(rules, s.filingReason) + " »\n";
            for (const FilerRule& f : s.filers)
                if (f.refusal >= 0)
                    md += "- Refus pour `" + std::string(roleName(f.role)) + "` : « " + templateText(rules, f.refusal) + " »\n";
            for (const Refusal& r : s.refusals)
                md += "- Refus pour `" + std::string(roleName(r.role)) + "` : « " + templateText(rules, r.text) + " » (" + refsText(r.refs) + ")\n";
            if (s.defaultRefusal >= 0)
                md += "- Refus pour les autres : « " + templateText(rules, s.defaultRefusal) + " »\n";
            if (!s.filingRefs.empty())
                md += "- Sources : " + refsText(s.filingRefs) + "\n";
            md += "\n";
        }

        md += "## Calendrier\n\n";
        if (s.windows.empty())
            md += "Toute l'année, sans date limite.\n\n";
        else {
            for (const DateRange& r : s.windows)
                md += "- " + rangeText(r) + "\n";
            md += "\n";
        }

        if (!s.documents.empty()) {
            md += "## Pièces à fournir\n\n";
            for (const DocumentSpec& d : s.documents)
                md += "- " + d.label + " (`" + d.id + "`)\n";
            md += "\n";
        }

        if (!s.contacts.empty() || s.contact) {
            md += "## Contacts\n\n| Département | Contact | Courriel |\n|---|---|---|\n";
            for (const auto& [code, c] : s.contacts)
                md += "| " + code + " | " + c.label + " | " + c.email + " |\n";
            if (s.contact)
                md += "| " + std::string(s.contacts.empty() ? "tous" : "autres") + " | " + s.contact->label + " | " + s.contact->email + " |\n";
            md += "\n";
        }

        if (s.later >= 0)
            md += "## Quand la réponse est non\n\nSi seul l'âge (ou un délai) bloque, Passerelle calcule la date où cela change et dit : « " +
                  templateText(rules, s.later) + " »\n\n";

        md += "## Sources\n\n";
        for (const auto& r : s.refs)
            md += "- " + r + "\n";
        md += "\nSources du paquet :\n\n";
        for (const PackSource& src : pack.sources) {
            md += "- " + src.id + " — " + src.title;
            if (src.date)
                md += " (" + formatFrenchDate(*src.date) + ")";
            if (src.url)
                md += " <" + *src.url + ">";
            md += "\n";
        }
        out.push_back({schemeDocName(s.id), md});
    }
    out.push_back({"README.md", index});
    return out;
}

} // namespace passerelle
