// The verdict format passerelle.verdicts/1: one result per scheme, and its JSON form.
#pragma once

#include "core/civil_date.hpp"
#include "core/ref_list.hpp"
#include "core/rule_pack.hpp"
#include "core/situation.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

enum class Status : std::uint8_t { Eligible, NotEligible, Incomplete };
enum class WindowStatus : std::uint8_t { Open, Closed, NotYetOpen };
[[nodiscard]] std::string_view statusName(Status s);             // "not_eligible"
[[nodiscard]] std::string_view windowStatusName(WindowStatus s); // "not_yet_open"

struct Reason {
    std::string text;
    RefList refs; // reads like a std::vector<std::string>
};

struct Filing {
    std::vector<Role> allowedFilers;
    std::optional<bool> requesterMayFile; // nullopt: no requester (or it depends on an unknown fact)
    std::optional<std::string> instructor;
};

struct WindowVerdict {
    WindowStatus status = WindowStatus::Open;
    std::optional<CivilDate> from;
    std::optional<CivilDate> to;
};

struct SchemeVerdict {
    std::string scheme; // id
    Status status = Status::Incomplete;
    std::vector<FactId> missing; // most decisive first
    std::vector<Reason> reasons;
    std::optional<Filing> filing; // nullopt: nothing to file
    WindowVerdict window;
    std::vector<DocumentSpec> documents;
    std::optional<Contact> contact;
};

struct Verdicts {
    CivilDate on;
    std::string rules;
    std::vector<SchemeVerdict> results; // the rule set's scheme order
    [[nodiscard]] const SchemeVerdict* find(std::string_view schemeId) const;
};

// passerelle.verdicts/1, fields in the contract's order.
[[nodiscard]] nlohmann::ordered_json verdictToJson(const SchemeVerdict& verdict);
[[nodiscard]] nlohmann::ordered_json verdictsToJson(const Verdicts& verdicts);

} // namespace passerelle
