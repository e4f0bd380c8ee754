// The rules core in one include: situations in, verdicts out, rule packs as data (format described below).
//
// Rule pack format (assets/rules/*.json, format "passerelle.rules/1"; full page: docs/rules-format.md)
//   { "format": "passerelle.rules/1", "id": "paca-2026", "version": "2026.1", "title": "…",
//     "valid_from": "2026-01-01", "valid_to": "2026-12-31" | null, "up_to_date": "2026-11-23",
//     "sources": [{"id": "004_cea9bb83965dd104.txt", "title": "…", "date": "2026-01-30", "url": "…"}],
//     "schemes": [ {
//       "id": "paca-2026/recherche", "title": "…", "description": "…", "refs": ["…"],
//       "conditions": [ {"id": "age", "refs": ["…"], "if_true": "Tu as {age} ans…", "if_false": "…",
//                        "if_unknown": "…"?, "summary": "…"?, <expression>} ],
//       "notes": [ {"when": <expression>?, "text": "…", "refs": ["…"], "show": "always" | "if_not_eligible"?} ],
//       "filing": null | {"instructor": "DSDEN" | null, "reason": "…", "refs": [...],
//                          "filers": [{"role": "lycee", "when": <expression>?, "refusal": "…"?}],
//                          "refusals": [{"role": "cfa", "text": "…", "refs": [...]}], "default_refusal": "…"?},
//       "windows": [{"from": "2026-04-01", "to": "2026-12-31"}],   // [] or absent: always open
//       "documents": [{"id": "convention_stage", "label": "…"}],
//       "contacts": {"13": {"label": "…", "email": "…"}}, "contact": {"label": "…", "email": "…"},
//       "later": "Tu pourras déposer une demande à partir du {date}{occasion}."
//     } ] }
// Expressions: {"all": [..]} {"any": [..]} {"not": e}
//   {"fact": P, "is": true|false|"value"|null}  {"fact": P, "in": ["a", "b", null]}
//   {"fact": P, "contains_any": [..]}  {"fact": "person.birth_date", "age": {"min": 16, "max": 29}}
//   {"fact": "person.birth_date", "age_on_dec31": {"min": 15, "max": 15}}  {"fact": P, "within_months": 6}
// Texts may use {age} {age_dec31} {on} {year} {date:P} {date:P+6m} {date:P+16y} {value:P} {label:P};
// a text whose variable is unknown is left out. Every key is checked at load (unknown key = error).
// assets/rules/facts.json ("passerelle.facts/1") gives every situation field its French question,
// its choices' labels and the roles' labels; the engine adds "pourquoi cette question ?" from the refs.
#pragma once

#include "core/civil_date.hpp"
#include "core/rule_engine.hpp"
#include "core/rule_pack.hpp"
#include "core/situation.hpp"
#include "core/verdicts.hpp"
