// The evaluator: Kleene three-valued conditions over compiled nodes, then missing facts, reasons, filing and windows.
//
// [SECTION] Context and conditions
// [SECTION] Templates
// [SECTION] What would change a "non"
// [SECTION] One scheme
// [SECTION] Entry points
#include "core/rule_engine.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

namespace passerelle {

//-----------------------------------------------------------------------------
// [SECTION] Context and conditions
//-----------------------------------------------------------------------------

namespace {

enum class Tri : std::uint8_t { False, True, Unknown };

// Everything an evaluation reads, computed once per situation and reference date.
struct Context {
    const RuleSet& rules;
    std::array<FactValue, kFactCount> facts;
    CivilDate on;
    std::int64_t onDays = 0;
    bool ageKnown = false;
    int age = 0;
    int ageDec31 = 0;

    Context(const RuleSet& r, const std::array<FactValue, kFactCount>& f, CivilDate date) : rules(r), facts(f) { setDate(date); }

    void setDate(CivilDate date) {
        on = date;
        onDays = daysFromCivil(date);
        const FactValue& birth = fact(FactId::BirthDate);
        ageKnown = birth.state == FactValue::State::Known;
        if (ageKnown) {
            const CivilDate b = civilFromDays(birth.value);
            age = ageInYears(b, on);
            ageDec31 = ageInYears(b, CivilDate{on.year, 12, 31});
        }
    }
    [[nodiscard]] const FactValue& fact(FactId id) const { return facts[static_cast<std::size_t>(id)]; }
};

Tri fromBool(bool b) { return b ? Tri::True : Tri::False; }

bool inRange(int value, const CondNode& n) { return value >= n.a && (n.b < 0 || value <= n.b); }

Tri evalNode(const Context& ctx, std::uint32_t index) {
    const CondNode& n = ctx.rules.nodes()[index];
    switch (n.op) {
    case CondNode::Op::All: {
        Tri result = Tri::True;
        for (std::uint32_t k = 0; k < n.count; ++k) {
            const Tri t = evalNode(ctx, ctx.rules.children()[n.first + k]);
            if (t == Tri::False)
                return Tri::False;
            if (t == Tri::Unknown)
                result = Tri::Unknown;
        }
        return result;
    }
    case CondNode::Op::Any: {
        Tri result = Tri::False;
        for (std::uint32_t k = 0; k < n.count; ++k) {
            const Tri t = evalNode(ctx, ctx.rules.children()[n.first + k]);
            if (t == Tri::True)
                return Tri::True;
            if (t == Tri::Unknown)
                result = Tri::Unknown;
        }
        return result;
    }
    case CondNode::Op::Not: {
        const Tri t = evalNode(ctx, ctx.rules.children()[n.first]);
        return t == Tri::Unknown ? t : fromBool(t == Tri::False);
    }
    case CondNode::Op::Age:
        return ctx.ageKnown ? fromBool(inRange(ctx.age, n)) : Tri::Unknown;
    case CondNode::Op::AgeDec31:
        return ctx.ageKnown ? fromBool(inRange(ctx.ageDec31, n)) : Tri::Unknown;
    default:
        break;
    }
    const FactValue& v = ctx.fact(n.fact);
    if (v.state == FactValue::State::Unknown)
        return Tri::Unknown;
    switch (n.op) {
    case CondNode::Op::BoolIs:
        return fromBool(v.value == n.a);
    case CondNode::Op::ChoiceIn:
        if (v.state == FactValue::State::None)
            return fromBool(n.noneOk);
        // A known date under {"is": null} has no choice index: its mask is empty, and out of range.
        if (v.value < 0 || v.value >= 128)
            return Tri::False;
        return fromBool((n.mask[v.value / 64] >> (v.value % 64)) & 1u);
    case CondNode::Op::SetContainsAny:
        return fromBool((static_cast<std::uint64_t>(v.value) & n.mask[0]) != 0);
    case CondNode::Op::WithinMonths: {
        if (v.state == FactValue::State::None)
            return Tri::False;
        if (ctx.onDays < v.value)
            return Tri::False;
        const CivilDate end = addMonthsClamped(civilFromDays(v.value), n.a);
        return fromBool(ctx.onDays <= daysFromCivil(end));
    }
    default:
        return Tri::Unknown;
    }
}

// The facts still needed to decide an undecided node: only the undecided branches count.
void collectUnknown(const Context& ctx, std::uint32_t index, std::uint32_t& mask) {
    const CondNode& n = ctx.rules.nodes()[index];
    if (n.op == CondNode::Op::All || n.op == CondNode::Op::Any || n.op == CondNode::Op::Not) {
        for (std::uint32_t k = 0; k < n.count; ++k) {
            const std::uint32_t child = ctx.rules.children()[n.first + k];
            if (evalNode(ctx, child) == Tri::Unknown)
                collectUnknown(ctx, child, mask);
        }
        return;
    }
    mask |= 1u << static_cast<unsigned>(n.fact);
}

Status statusOf(const Context& ctx, const Scheme& scheme, Tri* values = nullptr) {
    bool unknown = false;
    bool isFalse = false;
    for (std::size_t i = 0; i < scheme.conditions.size(); ++i) {
        const Tri t = evalNode(ctx, scheme.conditions[i].node);
        if (values)
            values[i] = t;
        if (t == Tri::False) {
            isFalse = true;
            if (!values)
                break; // one decisive false wins over every unknown
        } else if (t == Tri::Unknown) {
            unknown = true;
        }
    }
    return isFalse ? Status::NotEligible : unknown ? Status::Incomplete : Status::Eligible;
}

//-----------------------------------------------------------------------------
// [SECTION] Templates
//-----------------------------------------------------------------------------

struct LaterInfo {
    CivilDate date;
    int years = -1;     // the age reached that day ("jour de tes 16 ans"), or -1
    bool dec31 = false; // reached on 1 January ("l'année de tes 15 ans")
};

// Text built in a fixed buffer with no call that may throw: under Emscripten's JS exceptions, every
// throwing call made from a frame with destructors goes through a JS trampoline, and reasons are
// the hot path of full verdicts. One std::string is made at the end.
class TextBuffer {
public:
    void append(std::string_view s) noexcept {
        const std::size_t n = s.size() <= sizeof(m_buf) - m_len ? s.size() : sizeof(m_buf) - m_len;
        std::memcpy(m_buf + m_len, s.data(), n);
        m_len += n;
    }
    void appendInt(long long v) noexcept {
        char tmp[24];
        int n = 0;
        unsigned long long u = v < 0 ? 0ull - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
        do {
            tmp[n++] = static_cast<char>('0' + u % 10);
            u /= 10;
        } while (u);
        if (v < 0)
            tmp[n++] = '-';
        while (n > 0 && m_len < sizeof(m_buf))
            m_buf[m_len++] = tmp[--n];
    }
    void appendFrenchDate(CivilDate d) noexcept {
        if (d.day == 1)
            append("1er");
        else
            appendInt(d.day);
        append(" ");
        append(frenchMonthName(d.month));
        append(" ");
        appendInt(d.year);
    }
    void appendOccasion(const LaterInfo& later) noexcept {
        if (later.years < 0)
            return;
        append(later.dec31 ? ", l'année de tes " : ", jour de tes ");
        appendInt(later.years);
        append(" ans");
    }
    [[nodiscard]] std::string_view view() const noexcept { return {m_buf, m_len}; }

private:
    char m_buf[4096];
    std::size_t m_len = 0;
};

// Fills a template; nullopt when it needs a fact that is not known (the reason is then left out).
std::optional<std::string> render(const Context& ctx, std::int32_t index, const LaterInfo* later = nullptr) {
    if (index < 0)
        return std::nullopt;
    const Template& t = ctx.rules.templates()[static_cast<std::size_t>(index)];
    TextBuffer out;
    for (const TemplatePart& p : t.parts) {
        using K = TemplatePart::Kind;
        switch (p.kind) {
        case K::Literal: out.append(p.text); break;
        case K::Age:
            if (!ctx.ageKnown)
                return std::nullopt;
            out.appendInt(ctx.age);
            break;
        case K::AgeDec31:
            if (!ctx.ageKnown)
                return std::nullopt;
            out.appendInt(ctx.ageDec31);
            break;
        case K::On: out.appendFrenchDate(ctx.on); break;
        case K::Year: out.appendInt(ctx.on.year); break;
        case K::DateOf: {
            const FactValue& v = ctx.fact(p.fact);
            if (v.state != FactValue::State::Known)
                return std::nullopt;
            const CivilDate d = civilFromDays(v.value);
            out.appendFrenchDate(p.years ? dateOfAge(d, p.months) : addMonthsClamped(d, p.months));
            break;
        }
        case K::ValueOf:
        case K::LabelOf: {
            const FactValue& v = ctx.fact(p.fact);
            if (v.state != FactValue::State::Known)
                return std::nullopt;
            const auto choice = static_cast<std::size_t>(v.value);
            const auto& labels = ctx.rules.fact(p.fact).choices; // facts.json order = catalogue order (checked at load)
            if (p.kind == K::LabelOf && choice < labels.size())
                out.append(labels[choice].second);
            else
                out.append(factSpec(p.fact).choices[choice]);
            break;
        }
        case K::Date:
            if (!later)
                return std::nullopt;
            out.appendFrenchDate(later->date);
            break;
        case K::Occasion:
            if (!later)
                return std::nullopt;
            out.appendOccasion(*later);
            break;
        }
    }
    return std::optional<std::string>(std::in_place, out.view());
}

// The reason for a top-level condition: the most specific text of the branch that decided it.
std::optional<std::string> explain(const Context& ctx, std::uint32_t index, Tri value) {
    const CondNode& n = ctx.rules.nodes()[index];
    const bool descend = (n.op == CondNode::Op::Any && value == Tri::True) || (n.op == CondNode::Op::All && value == Tri::False);
    if (descend) {
        for (std::uint32_t k = 0; k < n.count; ++k) {
            const std::uint32_t child = ctx.rules.children()[n.first + k];
            if (evalNode(ctx, child) == value)
                if (auto text = explain(ctx, child, value))
                    return text;
        }
    }
    const std::int32_t t = value == Tri::True ? n.ifTrue : value == Tri::False ? n.ifFalse : n.ifUnknown;
    return render(ctx, t);
}

//-----------------------------------------------------------------------------
// [SECTION] What would change a "non"
//-----------------------------------------------------------------------------

struct Candidate {
    CivilDate date;
    int years = -1;     // the age reached that day, or -1
    bool dec31 = false; // reached on 1 January (age on 31 December)
};

// A fixed-capacity list (no allocation, nothing that throws); a scheme with more age or delay
// conditions than this keeps the first ones.
struct Candidates {
    std::array<Candidate, 64> items;
    std::size_t count = 0;
    void add(CivilDate date, int years, bool dec31) noexcept {
        if (count < items.size())
            items[count++] = {date, years, dec31};
    }
};

void collectCandidates(const Context& ctx, std::uint32_t index, Candidates& out) noexcept {
    const CondNode& n = ctx.rules.nodes()[index];
    switch (n.op) {
    case CondNode::Op::All:
    case CondNode::Op::Any:
    case CondNode::Op::Not:
        for (std::uint32_t k = 0; k < n.count; ++k)
            collectCandidates(ctx, ctx.rules.children()[n.first + k], out);
        return;
    case CondNode::Op::Age:
    case CondNode::Op::AgeDec31: {
        const FactValue& v = ctx.fact(n.fact);
        if (v.state != FactValue::State::Known)
            return;
        const CivilDate birth = civilFromDays(v.value);
        const bool dec31 = n.op == CondNode::Op::AgeDec31;
        auto threshold = [&](int years) { return dec31 ? CivilDate{birth.year + years, 1, 1} : dateOfAge(birth, years); };
        out.add(threshold(n.a), n.a, dec31);
        if (n.b >= 0)
            out.add(threshold(n.b + 1), -1, false);
        return;
    }
    case CondNode::Op::WithinMonths: {
        const FactValue& v = ctx.fact(n.fact);
        if (v.state != FactValue::State::Known)
            return;
        const CivilDate d = civilFromDays(v.value);
        out.add(d, -1, false);
        out.add(addDays(addMonthsClamped(d, n.a), 1), -1, false);
        return;
    }
    default:
        return;
    }
}

// The first date after the reference date, within the pack's validity, when the same facts would
// no longer give not_eligible. Only dates where an age or a delay changes can do that.
std::optional<std::string> laterReason(const Context& ctx, const Scheme& scheme) {
    Candidates found;
    for (const auto& cond : scheme.conditions)
        collectCandidates(ctx, cond.node, found);
    const RulePack& pack = ctx.rules.packOf(scheme);
    const CivilDate horizon = pack.validTo ? *pack.validTo : CivilDate{ctx.on.year + 40, 12, 31};
    // Only future dates within the pack's validity matter; most verdicts have none.
    Candidate* first = found.items.data();
    Candidate* last = std::remove_if(first, first + found.count,
                                     [&](const Candidate& c) { return !(ctx.on < c.date) || horizon < c.date; });
    if (first == last)
        return std::nullopt;
    std::sort(first, last, [](const Candidate& a, const Candidate& b) {
        return a.date < b.date || (a.date == b.date && a.years > b.years);
    });
    Context future = ctx;
    for (Candidate* c = first; c != last; ++c) {
        if (c != first && (c - 1)->date == c->date)
            continue;
        future.setDate(c->date);
        const Status s = statusOf(future, scheme);
        if (s == Status::NotEligible)
            continue;
        const LaterInfo info{c->date, c->years, c->dec31};
        if (s == Status::Eligible && scheme.later >= 0)
            return render(ctx, scheme.later, &info);
        TextBuffer when;
        when.append(s == Status::Eligible ? "Cela changera à partir du " : "À partir du ");
        when.appendFrenchDate(c->date);
        when.appendOccasion(info);
        when.append(s == Status::Eligible ? "." : ", cela pourra changer : il faudra vérifier le reste de ta situation.");
        return std::optional<std::string>(std::in_place, when.view());
    }
    return std::nullopt;
}

//-----------------------------------------------------------------------------
// [SECTION] One scheme
//-----------------------------------------------------------------------------

void addReason(std::vector<Reason>& reasons, std::optional<std::string> text, const RefList& refs) {
    if (text && !text->empty())
        reasons.push_back({std::move(*text), refs});
}

std::string roleList(const RuleSet& rules, const std::vector<Role>& roles) {
    std::string out;
    for (std::size_t i = 0; i < roles.size(); ++i) {
        if (i > 0)
            out += i + 1 == roles.size() ? " ou " : ", ";
        out += rules.roleLabel(roles[i]);
    }
    return out;
}

Filing fileFor(const Context& ctx, const Scheme& scheme, std::optional<Role> requester, bool speak,
               std::vector<Reason>& reasons) {
    Filing filing;
    filing.instructor = scheme.instructor;
    const FilerRule* requesterRule = nullptr;
    Tri requesterTri = Tri::False;
    std::array<Role, 32> allowed{};
    std::size_t count = 0;
    for (const FilerRule& rule : scheme.filers) {
        const Tri t = rule.when < 0 ? Tri::True : evalNode(ctx, static_cast<std::uint32_t>(rule.when));
        if (t != Tri::False && count < allowed.size())
            allowed[count++] = rule.role;
        if (requester && rule.role == *requester) {
            requesterRule = &rule;
            requesterTri = t;
        }
    }
    filing.allowedFilers.assign(allowed.begin(), allowed.begin() + static_cast<std::ptrdiff_t>(count));
    if (requester)
        filing.requesterMayFile = requesterTri == Tri::Unknown ? std::nullopt : std::optional<bool>(requesterTri == Tri::True);
    if (!speak)
        return filing;
    if (filing.requesterMayFile == false) {
        std::optional<std::string> text;
        RefList refs = scheme.filingRefs;
        if (requesterRule) {
            text = render(ctx, requesterRule->refusal);
            if (!requesterRule->refs.empty())
                refs = requesterRule->refs;
        }
        if (!text)
            for (const Refusal& r : scheme.refusals)
                if (r.role == *requester) {
                    text = render(ctx, r.text);
                    refs = r.refs;
                }
        if (!text)
            text = render(ctx, scheme.defaultRefusal);
        if (!text)
            text = "Cette demande ne peut pas être déposée par " + ctx.rules.roleLabel(*requester) + " : elle l'est par " +
                   roleList(ctx.rules, filing.allowedFilers) + ".";
        addReason(reasons, std::move(text), refs);
    } else {
        addReason(reasons, render(ctx, scheme.filingReason), scheme.filingRefs);
    }
    return filing;
}

WindowVerdict windowFor(const Scheme& scheme, CivilDate on) {
    if (scheme.windows.empty())
        return {WindowStatus::Open, std::nullopt, std::nullopt};
    for (const DateRange& r : scheme.windows) {
        if ((!r.from || !(on < *r.from)) && (!r.to || !(*r.to < on)))
            return {WindowStatus::Open, r.from, r.to};
        if (r.from && on < *r.from)
            return {WindowStatus::NotYetOpen, r.from, r.to};
    }
    const DateRange& last = scheme.windows.back();
    return {WindowStatus::Closed, last.from, last.to};
}

// What an incomplete verdict says first: the questions still to answer, in the wizard's order.
void addMissingReason(const RuleSet& rules, SchemeVerdict& out, std::vector<std::string> refs) {
    if (out.missing.empty())
        return;
    std::string text = "Pour savoir si tu y as droit, il faut encore répondre à : ";
    for (std::size_t i = 0; i < out.missing.size(); ++i)
        text += (i ? " ; « " : "« ") + rules.fact(out.missing[i]).question + " »";
    text += ".";
    out.reasons.insert(out.reasons.begin(), Reason{std::move(text), std::move(refs)});
}

std::uint32_t evaluateInto(const Context& ctx, const Scheme& scheme, std::optional<Role> requester, SchemeVerdict& out,
                           std::vector<std::string>& undecidedRefs) {
    out.scheme = scheme.id;
    Tri values[64];
    std::vector<Tri> big;
    Tri* v = values;
    if (scheme.conditions.size() > 64) {
        big.resize(scheme.conditions.size());
        v = big.data();
    }
    out.status = statusOf(ctx, scheme, v);
    out.reasons.reserve(scheme.conditions.size() + scheme.notes.size() + 3);

    std::uint32_t missing = 0;
    undecidedRefs.clear();
    if (out.status == Status::Incomplete)
        for (std::size_t i = 0; i < scheme.conditions.size(); ++i)
            if (v[i] == Tri::Unknown) {
                collectUnknown(ctx, scheme.conditions[i].node, missing);
                for (const auto& ref : scheme.conditions[i].refs)
                    if (std::find(undecidedRefs.begin(), undecidedRefs.end(), ref) == undecidedRefs.end())
                        undecidedRefs.push_back(ref);
            }

    for (std::size_t i = 0; i < scheme.conditions.size(); ++i) {
        const bool say = out.status == Status::NotEligible ? v[i] == Tri::False : v[i] != Tri::False;
        if (say)
            addReason(out.reasons, explain(ctx, scheme.conditions[i].node, v[i]), scheme.conditions[i].refs);
    }
    if (scheme.hasFiling)
        out.filing = fileFor(ctx, scheme, requester, out.status != Status::NotEligible, out.reasons);
    const bool notEligible = out.status == Status::NotEligible;
    for (const SchemeNote& note : scheme.notes) {
        const bool shown = note.show == SchemeNote::Show::Always ||
                           (note.show == SchemeNote::Show::OnlyNotEligible) == notEligible;
        if (shown && (note.when < 0 || evalNode(ctx, static_cast<std::uint32_t>(note.when)) == Tri::True))
            addReason(out.reasons, render(ctx, note.text), note.refs);
    }
    if (out.status == Status::NotEligible)
        addReason(out.reasons, laterReason(ctx, scheme), scheme.refs);

    out.window = windowFor(scheme, ctx.on);
    out.documents = scheme.documents;
    const FactValue& dep = ctx.fact(FactId::Departement);
    if (dep.state == FactValue::State::Known) {
        const std::string_view code = factSpec(FactId::Departement).choices[static_cast<std::size_t>(dep.value)];
        for (const auto& [c, contact] : scheme.contacts)
            if (c == code)
                out.contact = contact;
    }
    if (!out.contact)
        out.contact = scheme.contact;
    return missing;
}

void missingInOrder(std::uint32_t mask, const std::array<int, kFactCount>& weight, std::vector<FactId>& out) {
    out.clear();
    for (std::size_t f = 0; f < kFactCount; ++f)
        if (mask & (1u << f))
            out.push_back(static_cast<FactId>(f));
    // Most decisive first; ties keep the spec's field order (stable sort over an ordered list).
    std::stable_sort(out.begin(), out.end(), [&](FactId a, FactId b) {
        return weight[static_cast<std::size_t>(a)] > weight[static_cast<std::size_t>(b)];
    });
}

CivilDate referenceDate(const Situation& s) { return s.on ? *s.on : todayInParis(); }

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Entry points
//-----------------------------------------------------------------------------

Verdicts evaluate(const RuleSet& rules, const Situation& situation) {
    const Context ctx(rules, resolvedFacts(situation), referenceDate(situation));
    Verdicts out;
    out.on = ctx.on;
    out.rules = rules.label();
    out.results.resize(rules.schemes().size());
    std::vector<std::uint32_t> masks(rules.schemes().size());
    std::vector<std::vector<std::string>> refs(rules.schemes().size());
    std::array<int, kFactCount> weight{};
    for (std::size_t i = 0; i < rules.schemes().size(); ++i) {
        masks[i] = evaluateInto(ctx, rules.schemes()[i], situation.requester, out.results[i], refs[i]);
        for (std::size_t f = 0; f < kFactCount; ++f)
            if (masks[i] & (1u << f))
                ++weight[f];
    }
    for (std::size_t i = 0; i < out.results.size(); ++i)
        if (masks[i]) {
            missingInOrder(masks[i], weight, out.results[i].missing);
            addMissingReason(rules, out.results[i], std::move(refs[i]));
        }
    return out;
}

SchemeVerdict evaluateScheme(const RuleSet& rules, const Situation& situation, std::size_t scheme) {
    const Context ctx(rules, resolvedFacts(situation), referenceDate(situation));
    SchemeVerdict out;
    std::vector<std::string> refs;
    const std::uint32_t mask = evaluateInto(ctx, rules.schemes().at(scheme), situation.requester, out, refs);
    std::array<int, kFactCount> weight{};
    missingInOrder(mask, weight, out.missing);
    addMissingReason(rules, out, std::move(refs));
    return out;
}

Status evaluateStatus(const RuleSet& rules, const Situation& situation, std::size_t scheme) {
    const Context ctx(rules, resolvedFacts(situation), referenceDate(situation));
    return statusOf(ctx, rules.schemes().at(scheme));
}

} // namespace passerelle
