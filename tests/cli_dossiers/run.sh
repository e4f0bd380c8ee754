#!/usr/bin/env bash
# One CLI contract case for `passerelle dossier …` and `passerelle classlist` (see CMakeLists.txt for the list).
set -u
BIN="$1"
CASE="$2"
SRC="${PASSERELLE_SOURCE_DIR:?}"
CASES="$SRC/tests/cli_dossiers/cases"
LISTS="$SRC/tests/cases/classlists"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
SCHEME=paca-2026/securisation-entree-15-ans

fail() { echo "ÉCHEC ($CASE) : $*" >&2; exit 1; }
expect_rc() { [ "$1" = "$2" ] || fail "code de sortie $1, attendu $2 ; stderr : $(cat "$WORK/err" 2>/dev/null)"; }
# js EXPR FILE: evaluates EXPR with `d` = the parsed JSON file; fails unless it is truthy.
js() { node -e "const d=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')); if(!($1)) { console.error('condition fausse : ' + process.argv[2]); process.exit(1); }" "$2" "$1" || fail "$1"; }

new_dossier() { "$BIN" dossier new "$SCHEME" --from "$CASES/college_3e.json" >"$WORK/d.json" 2>"$WORK/err"; expect_rc $? 0; }

case "$CASE" in
new_ok)
  new_dossier
  js "d.format === 'passerelle.dossier/1' && d.scheme === '$SCHEME' && d.state === 'brouillon'" "$WORK/d.json"
  js "/^[0-9a-f]{32}$/.test(d.id) && d.created_on === '2026-05-04'" "$WORK/d.json"
  js "d.sections.find(s => s.id === 'eleve').fields.date_naissance === '2011-10-01'" "$WORK/d.json"
  js "d.sections.find(s => s.id === 'eleve').fields.classe === '3e'" "$WORK/d.json"
  js "d.sections.find(s => s.id === 'cfa').role === 'cfa' && d.history[0].event === 'cree'" "$WORK/d.json"
  js "d.situation.person.birth_date === '2011-10-01'" "$WORK/d.json"
  # --on overrides the situation's date: 2027-02-01, the same person is 15: no longer case (a).
  "$BIN" dossier new "$SCHEME" --from "$CASES/college_3e.json" --on 2027-02-01 >"$WORK/o" 2>"$WORK/err"
  expect_rc $? 1
  ;;
new_not_eligible)
  "$BIN" dossier new "$SCHEME" --from "$CASES/too_young.json" >"$WORK/out" 2>"$WORK/err"
  expect_rc $? 1
  grep -q "pas éligible" "$WORK/err" || fail "raison absente : $(cat "$WORK/err")"
  [ ! -s "$WORK/out" ] || fail "rien ne doit sortir sur stdout"
  ;;
new_incomplete)
  "$BIN" dossier new "$SCHEME" --from "$CASES/no_birth_date.json" >"$WORK/out" 2>"$WORK/err"
  expect_rc $? 1
  grep -q "incomplet" "$WORK/err" && grep -q "person.birth_date" "$WORK/err" || fail "manquants absents : $(cat "$WORK/err")"
  ;;
new_wrong_filer)
  "$BIN" dossier new "$SCHEME" --from "$CASES/cfa_requester.json" >"$WORK/out" 2>"$WORK/err"
  expect_rc $? 1
  grep -q "cfa ne peut pas déposer" "$WORK/err" || fail "$(cat "$WORK/err")"
  ;;
new_bad_input)
  "$BIN" dossier new "$SCHEME" --from "$CASES/duplicate_key.json" >"$WORK/out" 2>"$WORK/err"; expect_rc $? 2
  grep -q "birth_date" "$WORK/err" || fail "$(cat "$WORK/err")"
  "$BIN" dossier new inconnu/dispositif --from "$CASES/college_3e.json" >"$WORK/out" 2>"$WORK/err"; expect_rc $? 2
  "$BIN" dossier new "$SCHEME" --from "$WORK/absent.json" >"$WORK/out" 2>"$WORK/err"; expect_rc $? 2
  "$BIN" dossier new "$SCHEME" >"$WORK/out" 2>"$WORK/err"; expect_rc $? 2
  "$BIN" dossier new "$SCHEME" --from "$CASES/college_3e.json" --on 2026-02-30 >"$WORK/out" 2>"$WORK/err"; expect_rc $? 2
  ;;
check_text)
  new_dossier
  "$BIN" dossier check "$WORK/d.json" >"$WORK/out" 2>"$WORK/err"; expect_rc $? 1
  grep -q "manquant : cfa.convention_stage" "$WORK/out" || fail "$(cat "$WORK/out")"
  echo '{"format": "passerelle.dossier/1"' > "$WORK/bad.json"
  "$BIN" dossier check "$WORK/bad.json" >"$WORK/out" 2>"$WORK/err"; expect_rc $? 2
  grep -q "JSON illisible" "$WORK/err" || fail "$(cat "$WORK/err")"
  ;;
check_json)
  new_dossier
  "$BIN" dossier check "$WORK/d.json" --json >"$WORK/r.json" 2>"$WORK/err"; expect_rc $? 1
  js "d.complete === false && Array.isArray(d.sections) && d.sections.length === 5" "$WORK/r.json"
  js "d.sections.every(s => typeof s.id === 'string' && typeof s.role === 'string' && Array.isArray(s.missing) && Array.isArray(s.invalid))" "$WORK/r.json"
  js "d.sections.find(s => s.id === 'cfa').missing.some(m => m.field === 'convention_stage' && m.type === 'piece_jointe' && m.message.length > 0)" "$WORK/r.json"
  js "!d.sections.find(s => s.id === 'eleve').missing.some(m => m.field === 'date_naissance')" "$WORK/r.json"
  ;;
set_invalid_keeps_input)
  new_dossier
  before=$(sha256sum "$WORK/d.json")
  "$BIN" dossier set "$WORK/d.json" etablissement.uai=0130040Z >"$WORK/out" 2>"$WORK/err"; expect_rc $? 1
  grep -q "Y attendue" "$WORK/err" || fail "$(cat "$WORK/err")"
  [ ! -s "$WORK/out" ] || fail "rien ne doit sortir sur stdout"
  "$BIN" dossier set "$WORK/d.json" cfa.siret=44306184100048 >"$WORK/out" 2>"$WORK/err"; expect_rc $? 1
  grep -q "Luhn" "$WORK/err" || fail "$(cat "$WORK/err")"
  "$BIN" dossier set "$WORK/d.json" eleve.inconnu=1 >"$WORK/out" 2>"$WORK/err"; expect_rc $? 1
  "$BIN" dossier set "$WORK/d.json" sans-point >"$WORK/out" 2>"$WORK/err"; expect_rc $? 2
  [ "$before" = "$(sha256sum "$WORK/d.json")" ] || fail "le fichier d'entrée a changé"
  ;;
set_fills_to_complete)
  new_dossier
  printf '%%PDF-1.4\n%% convention\n' > "$WORK/convention.pdf"
  "$BIN" dossier set "$WORK/d.json" etablissement.uai=0130040y "etablissement.nom=Collège Thiers" \
    "etablissement.commune=13001 Marseille" "etablissement.referent_nom=M. Martin" \
    etablissement.referent_courriel=ce.0130040y@ac-aix-marseille.fr etablissement.maintien_statut_scolaire=oui \
    eleve.nom=DUPONT eleve.prenom=Léa "eleve.adresse=13002 Marseille" \
    "famille.representant_nom=Mme Dupont" "famille.representant_telephone=06 71 12 38 24" famille.accord=oui \
    cfa.uai=0131234W "cfa.nom=CFA du Port" cfa.siret=44306184100047 "cfa.formation=CAP cuisine" \
    "cfa.referent_nom=Mme Roux" cfa.referent_courriel=roux@cfa-port.fr \
    --attach cfa.convention_stage="$WORK/convention.pdf" >"$WORK/full.json" 2>"$WORK/err"
  expect_rc $? 0
  js "d.state === 'complet' && d.sections.find(s => s.id === 'etablissement').fields.uai === '0130040Y'" "$WORK/full.json"
  js "d.sections.find(s => s.id === 'famille').fields.representant_telephone === '0671123824'" "$WORK/full.json"
  "$BIN" dossier check "$WORK/full.json" >"$WORK/out" 2>"$WORK/err"; expect_rc $? 0
  "$BIN" dossier check "$WORK/full.json" --json >"$WORK/r.json"; expect_rc $? 0
  js "d.complete === true" "$WORK/r.json"
  # Emptying a required field drops it back to brouillon.
  "$BIN" dossier set "$WORK/full.json" cfa.nom= >"$WORK/back.json" 2>"$WORK/err"; expect_rc $? 0
  js "d.state === 'brouillon'" "$WORK/back.json"
  ;;
set_attach)
  new_dossier
  printf '%%PDF-1.4 pièce\n' > "$WORK/c.pdf"
  "$BIN" dossier set "$WORK/d.json" --attach cfa.convention_stage="$WORK/c.pdf" >"$WORK/o.json" 2>"$WORK/err"; expect_rc $? 0
  sha=$(sha256sum "$WORK/c.pdf" | cut -d' ' -f1)
  size=$(stat -c %s "$WORK/c.pdf")
  js "(a => a.sha256 === '$sha' && a.size === $size && a.name === 'c.pdf' && a.media_type === 'application/pdf' && Buffer.from(a.content_b64, 'base64').length === $size)(d.sections.find(s => s.id === 'cfa').attachments[0])" "$WORK/o.json"
  printf 'pas un pdf' > "$WORK/c.txt"
  "$BIN" dossier set "$WORK/d.json" --attach cfa.convention_stage="$WORK/c.txt" >"$WORK/o" 2>"$WORK/err"; expect_rc $? 1
  grep -q "refusé" "$WORK/err" || fail "$(cat "$WORK/err")"
  "$BIN" dossier set "$WORK/d.json" --attach cfa.convention_stage="$WORK/absent.pdf" >"$WORK/o" 2>"$WORK/err"; expect_rc $? 1
  ;;
set_read_only)
  new_dossier
  "$BIN" dossier set "$WORK/d.json" "cfa.nom=CFA du Port" --as college >"$WORK/o" 2>"$WORK/err"; expect_rc $? 1
  grep -q "remplie par le CFA" "$WORK/err" || fail "$(cat "$WORK/err")"
  "$BIN" dossier set "$WORK/d.json" "cfa.nom=CFA du Port" --as cfa >"$WORK/o" 2>"$WORK/err"; expect_rc $? 0
  ;;
classlist_rows)
  "$BIN" classlist "$LISTS/lignes_en_erreur.csv" --on 2026-05-04 --requester college --profile "$LISTS/profil_college.json" >"$WORK/l.json" 2>"$WORK/err"
  expect_rc $? 0
  js "Array.isArray(d) && d.length === 9 && d.map(r => r.line).join() === '2,3,4,5,6,7,8,9,11'" "$WORK/l.json"
  js "d[0].name === 'DURAND Paul' && d[0].verdicts.format === 'passerelle.verdicts/1' && d[0].verdicts.on === '2026-05-04'" "$WORK/l.json"
  # No "Apprentissage" column in that file: the wish is unknown, and said so.
  js "(v => v.status === 'incomplete' && v.missing.includes('person.wants_apprenticeship'))(d[0].verdicts.results.find(r => r.scheme === '$SCHEME'))" "$WORK/l.json"
  js "d[0].verdicts.results.find(r => r.scheme === '$SCHEME').filing.requester_may_file === true" "$WORK/l.json"
  js "d[1].error === 'nom manquant' && !('verdicts' in d[1]) && d.filter(r => r.error).length === 7" "$WORK/l.json"
  "$BIN" classlist "$LISTS/siecle_pointvirgule_windows1252.csv" --on 2026-05-04 >"$WORK/w.json" 2>"$WORK/err"; expect_rc $? 0
  js "d.length === 4 && d[1].name === 'LEFÈVRE Jérôme' && d.every(r => r.verdicts)" "$WORK/w.json"
  # DUPONT Léa, 14, in 3e, wants apprenticeship, collège public in the 13: case (a) of SÉCURISATION.
  "$BIN" classlist "$LISTS/siecle_pointvirgule_windows1252.csv" --on 2026-05-04 --requester college --profile "$LISTS/profil_college.json" >"$WORK/w.json" 2>"$WORK/err"; expect_rc $? 0
  js "d[0].verdicts.results.find(r => r.scheme === '$SCHEME').status === 'eligible'" "$WORK/w.json"
  js "d[1].verdicts.results.find(r => r.scheme === '$SCHEME').status === 'not_eligible'" "$WORK/w.json"
  ;;
classlist_unreadable)
  "$BIN" classlist "$LISTS/absent.csv" >"$WORK/o" 2>"$WORK/err"; expect_rc $? 2
  "$BIN" classlist "$LISTS/utf16.csv" >"$WORK/o" 2>"$WORK/err"; expect_rc $? 2
  grep -q "UTF-16" "$WORK/err" || fail "$(cat "$WORK/err")"
  "$BIN" classlist "$LISTS/sans_colonne_classe.csv" >"$WORK/o" 2>"$WORK/err"; expect_rc $? 2
  "$BIN" classlist "$LISTS/guillemet_non_ferme.csv" >"$WORK/o" 2>"$WORK/err"; expect_rc $? 2
  [ ! -s "$WORK/o" ] || fail "rien ne doit sortir sur stdout"
  "$BIN" classlist "$LISTS/lignes_en_erreur.csv" --requester pirate >"$WORK/o" 2>"$WORK/err"; expect_rc $? 2
  ;;
handoff_round_trip)
  # The collège hands the CFA its sections, the CFA fills them (and only them), the collège merges back.
  "$BIN" dossier new "$SCHEME" --from "$CASES/college_3e.json" >"$WORK/d.json" 2>"$WORK/err"; expect_rc $? 0
  "$BIN" dossier set "$WORK/d.json" eleve.nom=DUPONT "eleve.adresse=13002 Marseille" >"$WORK/d2.json" 2>"$WORK/err"; expect_rc $? 0
  "$BIN" dossier handoff "$WORK/d2.json" --to cfa --from college >"$WORK/copy.json" 2>"$WORK/err"; expect_rc $? 0
  js "d.handoff.to === 'cfa' && d.handoff.editable.join() === 'cfa,entreprise' && d.handoff.withheld.includes('eleve.handicap')" "$WORK/copy.json"
  js "!('handicap' in d.sections.find(s => s.id === 'eleve').fields)" "$WORK/copy.json"
  "$BIN" dossier set "$WORK/copy.json" "eleve.adresse=13009 Marseille" >"$WORK/o" 2>"$WORK/err"; expect_rc $? 1
  grep -q "lecture seule" "$WORK/err" || fail "$(cat "$WORK/err")"
  "$BIN" dossier set "$WORK/copy.json" "cfa.nom=CFA du Port" cfa.siret=44306184100047 >"$WORK/back.json" 2>"$WORK/err"; expect_rc $? 0
  "$BIN" dossier merge "$WORK/d2.json" "$WORK/back.json" >"$WORK/merged.json" 2>"$WORK/err"; expect_rc $? 0
  js "(s => s.fields.nom === 'CFA du Port' && s.fields.siret === '44306184100047')(d.sections.find(s => s.id === 'cfa'))" "$WORK/merged.json"
  js "d.sections.find(s => s.id === 'eleve').fields.handicap === 'aucun' && !d.handoff && d.history.some(h => h.event === 'fusionne')" "$WORK/merged.json"
  # Both sides edited the CFA section: exit 1, ours kept, theirs waiting in "conflicts".
  "$BIN" dossier set "$WORK/d2.json" "cfa.nom=CFA de la Mer" >"$WORK/d3.json" 2>"$WORK/err"; expect_rc $? 0
  "$BIN" dossier merge "$WORK/d3.json" "$WORK/back.json" >"$WORK/c.json" 2>"$WORK/err"; expect_rc $? 1
  grep -q "conflit" "$WORK/err" || fail "$(cat "$WORK/err")"
  js "d.sections.find(s => s.id === 'cfa').fields.nom === 'CFA de la Mer' && d.conflicts[0].section === 'cfa' && d.conflicts[0].theirs.fields.nom === 'CFA du Port'" "$WORK/c.json"
  "$BIN" dossier check "$WORK/c.json" >"$WORK/o" 2>"$WORK/err"; expect_rc $? 1
  grep -q "conflit à résoudre" "$WORK/o" || fail "$(cat "$WORK/o")"
  # Another dossier is refused.
  "$BIN" dossier new "$SCHEME" --from "$CASES/college_3e.json" >"$WORK/other.json" 2>"$WORK/err"
  "$BIN" dossier merge "$WORK/d2.json" "$WORK/other.json" >"$WORK/o" 2>"$WORK/err"; expect_rc $? 2
  ;;
*) fail "cas inconnu" ;;
esac
echo "ok ($CASE)"
