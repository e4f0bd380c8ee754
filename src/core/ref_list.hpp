// A reason's sources: an immutable list shared with the rule set, so copying a verdict copies no strings.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace passerelle {

class RefList {
public:
    RefList() = default;
    RefList(std::vector<std::string> refs) // NOLINT: implicit, reads like a vector
        : m_refs(refs.empty() ? nullptr : std::make_shared<const std::vector<std::string>>(std::move(refs))) {}
    RefList(std::initializer_list<std::string> refs) : RefList(std::vector<std::string>(refs)) {}

    [[nodiscard]] const std::vector<std::string>& list() const { return m_refs ? *m_refs : none(); }
    operator const std::vector<std::string>&() const { return list(); } // NOLINT
    [[nodiscard]] auto begin() const { return list().begin(); }
    [[nodiscard]] auto end() const { return list().end(); }
    [[nodiscard]] std::size_t size() const { return list().size(); }
    [[nodiscard]] bool empty() const { return list().empty(); }
    [[nodiscard]] const std::string& operator[](std::size_t i) const { return list()[i]; }

    friend bool operator==(const RefList& a, const RefList& b) { return a.list() == b.list(); }
    friend bool operator==(const RefList& a, const std::vector<std::string>& b) { return a.list() == b; }

private:
    static const std::vector<std::string>& none() {
        static const std::vector<std::string> empty;
        return empty;
    }
    std::shared_ptr<const std::vector<std::string>> m_refs;
};

} // namespace passerelle
