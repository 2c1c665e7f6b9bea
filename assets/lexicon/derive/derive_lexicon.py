#!/usr/bin/env python3
"""Derive Dyad's extended built-in lexicon files from curated tables and PETRARCH2 dictionaries.

Usage (from anywhere; stdlib only):

    python3 assets/lexicon/derive/derive_lexicon.py [PETRARCH2_DIR]

PETRARCH2_DIR defaults to ../shared/data/petrarch2 relative to the repository root. Inputs:

- derive/states.tsv          states and territories (facts, hand-curated)
- derive/organs.tsv          state organs and agencies -> their state (hand-curated)
- derive/organisations.tsv   international organisations and blocs (hand-curated)
- derive/groups.tsv          hand-curated groups (added to the dictionary ones)
- derive/not_actors.txt      multi-word names that contain an actor form but are not it
- derive/stop_groups.txt, stop_organisations.txt, stop_organs.txt: refused dictionary names
- derive/allow_acronyms.txt, allow_single.txt: 3-letter acronyms / single words kept
- derive/common_words.txt    English words the dictionaries' vocabulary lacks
- PETRARCH2 Phoenix.MilNonState.actors.txt, Phoenix.International.actors.txt,
  Phoenix.Countries.actors.txt (state organs with GOV/MIL codes), Phoenix.agents.txt

Outputs (assets/lexicon/): states.json, organisations.json, groups.json, given_names.json,
agents.json; a summary of counts on stdout.
Forms already present in the hand-written actors.json (any actor) are never emitted again, so
the derived files only add; ids of actors.json are kept (a derived entry with a known id only
adds forms and carries no name).
"""

import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
LEX = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(LEX))

SMALL = {
    "of", "the", "and", "for", "in", "on", "to", "at", "by", "de", "del", "la", "le", "les",
    "du", "des", "el", "al", "a", "an", "with", "against", "from", "y", "e", "et", "wa", "bin",
    "ul", "ud", "fi", "li", "lil", "der", "die", "das", "und",
}

# Head nouns that make a phrase an organisation's name.
ORG_HEADS = {
    "army", "armies", "front", "movement", "party", "brigade", "brigades", "group", "groups",
    "organization", "organisation", "council", "union", "league", "force", "forces",
    "liberation", "alliance", "battalion", "battalions", "legion", "cells", "cell", "nuclei",
    "nucleus", "commando", "commandos", "committee", "coalition", "militia", "militias",
    "jihad", "resistance", "guerrillas", "guerrilla", "faction", "fighters", "mujahideen",
    "mujahedeen", "congress", "tigers", "association", "society", "federation", "bank", "fund",
    "commission", "agency", "community", "court", "tribunal", "programme", "program", "forum",
    "institute", "authority", "secretariat", "parliament", "assembly", "mission", "office",
    "centre", "center", "conference", "initiative", "partnership", "corps", "guard", "guards",
    "squad", "squads", "unit", "units", "jamaat", "jemaah", "harakat", "hizb", "tehrik",
    "lashkar", "jaish", "ansar", "kataib", "ittehad", "jamiat", "tanzim", "sipah",
}

# Codes (after the 3-letter country) of non-state armed or political groups.
GROUP_CODES = ("REB", "INS", "OPP", "PTY", "RAD", "SEP", "MUS", "ALQ")


def strip_accents(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def ident(name):
    s = strip_accents(name).lower().replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s or "x"


# ---------------------------------------------------------------- PETRARCH dictionary parsing


class Record:
    def __init__(self, phrase, line):
        self.phrases = [phrase]
        self.codes = []
        self.line = line
        self.comment = ""


def parse_actor_file(path):
    """Records of a PETRARCH/TABARI .actors file: phrases (primary + synonyms) and codes."""
    recs = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            body, _, comment = line.partition("#")
            if not body.strip():
                continue
            codes = re.findall(r"\[([^\]]*)\]", body)
            text = re.sub(r"\[[^\]]*\]", " ", body)
            text = text.split(";")[0].strip()
            if line[:1] in ("\t", " ") and not text:
                if cur is not None:
                    cur.codes.extend(codes)
                continue
            if text.startswith("+"):
                if cur is not None:
                    cur.phrases.append(text[1:].strip())
                    cur.codes.extend(codes)
                continue
            if not text:
                if cur is not None:
                    cur.codes.extend(codes)
                continue
            cur = Record(text, n)
            cur.codes.extend(codes)
            cur.comment = comment.strip()
            recs.append(cur)
    for r in recs:
        r.codes = [c.split()[0] for c in r.codes if c.split()]
    return recs


def split_phrase(p):
    """'BASQUE_FATHERLAND_AND_FREEDOM_(ETA)_' -> ('BASQUE FATHERLAND AND FREEDOM', ['ETA'])."""
    p = p.replace("_", " ").replace("+", " ").strip()
    acr = [a.strip() for a in re.findall(r"\(([^)]*)\)", p)]
    p = re.sub(r"\([^)]*\)", " ", p)
    p = re.sub(r"\s+", " ", p).strip(" -,.")
    acr = [a for a in acr if re.fullmatch(r"[A-Z][A-Z0-9&\-]{1,9}", a)]
    return p, acr


def title_word(w, first):
    lw = w.lower()
    if "-" in w:
        parts = w.split("-")
        out = []
        for i, part in enumerate(parts):
            lp = part.lower()
            if lp in ("al", "el", "ul", "ud", "bin", "ad", "ar", "as", "an", "ash", "at", "az", "adh"):
                out.append(lp if (i > 0 or not first) else lp.capitalize())
            else:
                out.append(title_word(part, True) if part else part)
        return "-".join(out)
    if lw in SMALL and not first:
        return lw
    if "'" in w:
        a, _, b = w.partition("'")
        return a.capitalize() + "'" + b.lower()
    return lw.capitalize()


KEEP_UPPER = {"UN", "U.N.", "EU", "US", "U.S.", "UK", "AU", "NATO", "OPEC", "ASEAN", "ECOWAS",
              "IGAD", "SADC", "UNHCR", "UNICEF", "UNESCO", "UNDP", "WHO", "IMF", "ICC", "OSCE"}


def title(p):
    words = p.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return " ".join(w if w in KEEP_UPPER else title_word(w, i == 0) for i, w in enumerate(words))


def form_ok(t):
    """Refuse malformed forms: slashes, '-based', mixed digits."""
    low = t.lower()
    if "/" in t or "-based" in low or "  " in t or "linked" in low or "affiliated" in low:
        return False
    if re.search(r"\d", t) and not re.fullmatch(r"[A-Z]+-?\d+|\d+ [A-Z][a-z]+ [A-Z].*", t):
        return False
    return True


# ---------------------------------------------------------------- curated inputs


def read_tsv(name):
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            rows.append([c.strip() for c in line.rstrip("\n").split("\t")])
    return rows


def read_list(name):
    out = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if line:
                out.append(line)
    return out


def cells(row, i):
    return [x.strip() for x in row[i].split("|") if x.strip()] if len(row) > i else []


def main():
    if len(sys.argv) > 1:
        pdir = sys.argv[1]
    else:
        # ../shared/data/petrarch2 from the repository root (or from a parent of it, for a
        # git worktree checked out below the main tree's parent).
        pdir = os.path.join(ROOT, "..", "shared", "data", "petrarch2")
        up = ROOT
        while not os.path.isdir(pdir) and os.path.dirname(up) != up:
            up = os.path.dirname(up)
            pdir = os.path.join(up, "..", "shared", "data", "petrarch2")
    pdir = os.path.normpath(pdir)
    base = json.load(open(os.path.join(LEX, "actors.json"), encoding="utf-8"))
    # Every form of the hand-written lexicon -> actor id.
    taken = {}
    base_ids = {}
    for a in base["actors"]:
        base_ids[a["id"]] = a
        for k in ("aliases", "demonyms", "seats", "prefixes"):
            for f in a.get(k, []):
                taken.setdefault(f, a["id"])
        for p in a.get("people", []):
            for f in [p["name"]] + p.get("variants", []) + p.get("short", []):
                taken.setdefault(f, a["id"])
    report = {}

    def claim(form, aid):
        """Whether `form` may be added for `aid` (not yet used by another actor)."""
        owner = taken.get(form)
        if owner is None:
            taken[form] = aid
            return True
        return False

    # ------------------------------------------------------------ states
    states = []
    cameo = {}
    names_of_state = {}
    for row in read_tsv("states.tsv"):
        sid, code, name = row[0], row[1], row[2]
        aliases, demonyms, seats = cells(row, 3), cells(row, 4), cells(row, 5)
        cameo[code] = sid
        names_of_state[sid] = [name] + aliases
        e = {"id": sid}
        if sid not in base_ids:
            e["name"] = name
            e["kind"] = "state"
            aliases = [name] + [a for a in aliases if a != name]
        e["aliases"] = [a for a in aliases if claim(a, sid)]
        e["demonyms"] = [a for a in demonyms if claim(a, sid)]
        e["seats"] = [a for a in seats if claim(a, sid)]
        states.append(e)
    organ_n = 0
    by_id = {e["id"]: e for e in states}
    for row in read_tsv("organs.tsv"):
        sid, ty, form = row[0], row[1], row[2]
        assert sid in by_id, sid
        assert ty in ("alias", "seat"), ty
        if claim(form, sid):
            by_id[sid]["aliases" if ty == "alias" else "seats"].append(form)
            organ_n += 1
    # State organs named in the PETRARCH country dictionary (GOV/MIL codes, institution names).
    organ_heads = {
        "army", "navy", "air force", "ministry", "council", "congress", "parliament", "agency",
        "guard", "guards", "corps", "police", "committee", "assembly", "forces", "service",
    }
    dict_organs = 0
    cpath = os.path.join(pdir, "Phoenix.Countries.actors.txt")
    stop_organ = set(read_list("stop_organs.txt"))
    for r in parse_actor_file(cpath):
        codes = [c for c in r.codes if len(c) >= 6]
        if not codes or not all(c[3:6] in ("GOV", "MIL", "SPY", "LEG") for c in codes):
            continue
        ctry = {c[:3] for c in codes}
        if len(ctry) != 1:
            continue
        sid = cameo.get(ctry.pop())
        if sid is None:
            continue
        for ph in r.phrases:
            p, acr = split_phrase(ph)
            words = p.lower().split()
            if len(words) < 2 or not any(h in " ".join(words) for h in organ_heads):
                continue
            if any(w in ("minister", "president", "secretary", "spokesman", "chief", "general", "director",
                         "chairman", "leader", "official", "officials", "head", "former", "ambassador")
                   for w in words):
                continue
            # The name must name its state (demonym or name) to be unambiguous.
            t = title(p).replace("Peoples", "People's")
            own = names_of_state[sid] + base_ids.get(sid, {}).get("demonyms", []) + by_id[sid]["demonyms"]
            if not any(re.search(r"\b" + re.escape(n) + r"\b", t) for n in own):
                continue
            if t in stop_organ:
                continue
            if claim(t, sid):
                by_id[sid]["aliases"].append(t)
                dict_organs += 1
    for e in states:
        for k in ("aliases", "demonyms", "seats"):
            if not e[k]:
                del e[k]
    # names the curated organisations claim ("Bank of Japan") are actors, not non-actors
    org_forms = set()
    for row in read_tsv("organisations.tsv"):
        org_forms.add(row[1])
        org_forms.update(cells(row, 2))
    not_actors = [f for f in read_list("not_actors.txt") if f not in taken and f not in org_forms]
    # "Bank of X" (and so "Central Bank of X", "National Bank of X"): banks, not the state.
    for sid, names in names_of_state.items():
        for n in names:
            if n.startswith("the ") or len(n.split()) > 2 or not re.search(r"[a-z]", n):
                continue
            # "Bank of X" also covers "Central Bank of X", "National Bank of X".
            for pre in ("Bank of ",):
                f = pre + n
                if f not in taken and f not in not_actors and f not in org_forms:
                    not_actors.append(f)
    report["states"] = len(states)
    report["new_states"] = sum(1 for e in states if e["id"] not in base_ids)
    report["organ_forms"] = organ_n
    report["dictionary_organ_forms"] = dict_organs
    report["not_actors"] = len(not_actors)
    write("states.json", {"version": 1, "actors": states, "not_actors": not_actors})

    # ------------------------------------------------------------ organisations
    orgs = []
    for row in read_tsv("organisations.tsv"):
        oid, name = row[0], row[1]
        aliases = cells(row, 2)
        e = {"id": oid}
        if oid not in base_ids:
            e["name"] = name
            e["kind"] = "organisation"
            aliases = [name] + [a for a in aliases if a != name]
        e["aliases"] = [a for a in aliases if claim(a, oid)]
        if oid in base_ids and not e["aliases"]:
            continue
        orgs.append(e)
    curated_orgs = len(orgs)
    # IGOs of the PETRARCH international dictionary not yet listed.
    ipath = os.path.join(pdir, "Phoenix.International.actors.txt")
    stop_org = set(read_list("stop_organisations.txt"))
    seen_ids = set(base_ids) | {e["id"] for e in orgs} | {e["id"] for e in states}
    irecs = [r for r in parse_actor_file(ipath)
             if r.codes and all(c.startswith("IGO") for c in r.codes)]
    # A code whose named forms all belong to one listed organisation is that organisation.
    code_owner = {}
    for r in irecs:
        for ph in r.phrases:
            p, acr = split_phrase(ph)
            for f in [p, title(p)] + acr:
                o = taken.get(f)
                if o is not None:
                    for c in r.codes:
                        code_owner.setdefault(c, set()).add(o)
    org_by_id = {e["id"]: e for e in orgs}
    merged = 0
    variants = {r[0]: r[1] for r in read_tsv("org_variants.tsv")}
    # Variants that name a dictionary organisation listed later in the file.
    pending = {v: [] for v in variants.values() if v != "-" and v not in org_by_id}
    for r in irecs:
        forms = []
        for ph in r.phrases:
            p, acr = split_phrase(ph)
            words = p.lower().split()
            if len(words) < 3 or not (set(words) & ORG_HEADS):
                continue
            if any(w in ("secretary", "chief", "president", "spokesman", "director", "envoy",
                         "countries", "ministers", "minister", "summit", "delegation", "peacekeeper",
                         "peacekeepers", "official", "officials", "head", "member", "members", "to",
                         "representative", "chairman", "commissioner", "troops", "staff", "report")
                   for w in words):
                continue
            t = title(p)
            if t in stop_org or not form_ok(t):
                continue
            forms.append(t)
            forms += [a for a in acr if len(a) >= 4]
        forms = [f for f in dict.fromkeys(forms) if f not in taken and f.lower() not in
                 {x.lower() for x in taken}]
        # Curated: a variant spelling of a listed organisation, or refused.
        to = {variants[f] for f in forms if f in variants}
        if "-" in to:
            continue
        forms_to = [v for v in to if v in org_by_id or v in base_ids or v in pending]
        if forms_to:
            oid = forms_to[0]
            if oid in pending:
                pending[oid].extend(forms)
                continue
            if oid not in org_by_id:
                org_by_id[oid] = {"id": oid, "aliases": []}
                orgs.append(org_by_id[oid])
            add = [f for f in forms if claim(f, oid)]
            org_by_id[oid]["aliases"].extend(add)
            merged += len(add)
            continue
        if not forms:
            continue
        owners = set()
        for c in r.codes:
            owners |= code_owner.get(c, set())
        if len(owners) == 1:
            oid = owners.pop()
            if oid not in org_by_id and base_ids.get(oid, {}).get("kind") == "organisation":
                org_by_id[oid] = {"id": oid, "aliases": []}
                orgs.append(org_by_id[oid])
            if oid in org_by_id:
                add = [f for f in forms if claim(f, oid)]
                org_by_id[oid]["aliases"].extend(add)
                merged += len(add)
            continue
        oid = ident(forms[0])
        if oid in seen_ids:
            continue
        seen_ids.add(oid)
        forms = [f for f in forms if claim(f, oid)]
        if forms:
            e = {"id": oid, "name": forms[0], "kind": "organisation", "aliases": forms}
            orgs.append(e)
            org_by_id[oid] = e
    for oid, fs in pending.items():
        if oid in org_by_id:
            add = [f for f in fs if claim(f, oid)]
            org_by_id[oid]["aliases"].extend(add)
            merged += len(add)
    report["organisations_curated"] = curated_orgs
    report["organisations_dictionary"] = len(orgs) - curated_orgs
    report["organisation_forms_merged_from_dictionary"] = merged
    write("organisations.json", {"version": 1, "actors": orgs})

    # ------------------------------------------------------------ groups
    vocab = common_vocab(pdir)
    given = derive_given_names(cpath, vocab, taken)
    given_set = set(given)
    stop = set(read_list("stop_groups.txt"))
    allow3 = set(read_list("allow_acronyms.txt"))
    groups = []
    for row in read_tsv("groups.tsv"):
        gid, name = row[0], row[1]
        aliases = cells(row, 2)
        e = {"id": gid}
        if gid not in base_ids:
            e["name"] = name
            e["kind"] = "group"
            aliases = [name] + [a for a in aliases if a != name]
        e["aliases"] = [a for a in aliases if claim(a, gid)]
        if gid in base_ids and not e["aliases"]:
            continue
        groups.append(e)
        seen_ids.add(gid)
    curated_groups = len(groups)
    dropped = {"generic": 0, "acronym": 0, "taken": 0, "stop": 0, "person": 0, "single": 0,
               "merged": 0}
    allow_single = set(read_list("allow_single.txt"))
    lower_owner = {f.lower(): o for f, o in taken.items()}
    mpath = os.path.join(pdir, "Phoenix.MilNonState.actors.txt")
    recs = [(r, "mil") for r in parse_actor_file(mpath)]
    recs += [(r, "cty") for r in parse_actor_file(cpath)
             if r.codes and all(len(c) >= 6 and c[3:6] in ("REB", "OPP", "INS") for c in r.codes)]
    group_by_id = {e["id"]: e for e in groups}
    kind_of = {a["id"]: a.get("kind", "state") for a in base["actors"]}
    kind_of.update({e["id"]: "group" for e in groups})
    for r, src in recs:
        forms = []
        for ph in r.phrases:
            p, acr = split_phrase(ph)
            if not p:
                continue
            t = title(p)
            ok, why = group_name_ok(t, vocab)
            # "Osama bin Laden", "Abu Musab al-Zarqawi": a person, unless a head noun follows.
            if ok and t.split()[0] in given_set and not set(t.lower().split()) & ORG_HEADS:
                ok, why = False, "person"
            if t in stop:
                ok, why = False, "stop"
            elif not form_ok(t):
                ok, why = False, "generic"
            if ok:
                forms.append(t)
            else:
                dropped[why] += 1
            for a in acr + ([p] if re.fullmatch(r"[A-Z]{3,6}", p) else []):
                if a in stop:
                    dropped["stop"] += 1
                elif (len(a) >= 4 and a.lower() not in vocab) or a in allow3:
                    forms.append(a)
                else:
                    dropped["acronym"] += 1
        forms = list(dict.fromkeys(forms))
        # A record naming a known group adds its other forms to it; one naming another kind
        # of actor (a state organ) is left out.
        owners = {taken[f] for f in forms if f in taken}
        owners |= {lower_owner[f.lower()] for f in forms if f.lower() in lower_owner}
        if owners:
            if len(owners) == 1:
                gid = owners.pop()
                if kind_of.get(gid) == "group":
                    if gid not in group_by_id:
                        group_by_id[gid] = {"id": gid, "aliases": []}
                        groups.append(group_by_id[gid])
                    for f in forms:
                        if f.lower() not in lower_owner and claim(f, gid):
                            group_by_id[gid]["aliases"].append(f)
                            lower_owner[f.lower()] = gid
                            dropped["merged"] += 1
                    continue
            dropped["taken"] += len(forms)
            continue
        # A lone single word (no synonym) is too often a person or a common name.
        multi = [f for f in forms if len(f.split()) > 1 and not re.fullmatch(r"[A-Z0-9\-]+", f)]
        if not multi and not any(f in allow_single for f in forms):
            dropped["single"] += len(forms)
            continue
        if not forms:
            continue
        names = multi or forms
        gid = ident(names[0])
        if gid in seen_ids:
            gid = gid + "_group"
            if gid in seen_ids:
                continue
        seen_ids.add(gid)
        uniq = [f for f in forms if claim(f, gid)]
        for f in uniq:
            lower_owner[f.lower()] = gid
        kind_of[gid] = "group"
        if uniq:
            e = {"id": gid, "name": names[0], "kind": "group", "aliases": uniq}
            groups.append(e)
            group_by_id[gid] = e
    report["groups_curated"] = curated_groups
    report["groups_dictionary"] = len(groups) - curated_groups
    report["groups_dropped_forms"] = dropped
    write("groups.json", {"version": 1, "actors": groups})

    # ------------------------------------------------------------ given names
    report["given_names"] = len(given)
    write("given_names.json", {"version": 1, "given_names": given})

    # ------------------------------------------------------------ agents
    agents = derive_agents(os.path.join(pdir, "Phoenix.agents.txt"))
    report["agents"] = len(agents["agents"])
    write("agents.json", agents)
    json.dump(report, sys.stdout, indent=1)
    print()


def common_vocab(pdir):
    """Lower-case English words: the agents' and verbs' vocabulary plus a curated list."""
    words = set(read_list("common_words.txt"))
    for fn in ("Phoenix.agents.txt", "CAMEO.2.0.txt"):
        with open(os.path.join(pdir, fn), encoding="utf-8", errors="replace") as f:
            for line in f:
                body = line.split("#")[0]
                body = re.sub(r"\[[^\]]*\]|\{[^}]*\}|![A-Z]+!", " ", body)
                for w in re.findall(r"[A-Za-z]+", body.replace("_", " ")):
                    if len(w) > 1:
                        words.add(w.lower())
    return words


def group_name_ok(t, vocab):
    words = t.split()
    low = [w.lower().strip("'.,") for w in words]
    content = [w for w in low if w not in SMALL]
    if not content:
        return False, "generic"
    if len(words) == 1:
        w = low[0]
        # A single word: a proper name of 5+ letters that is no English word.
        parts = [x for x in re.split(r"[-']", w) if x]
        if len(w) < 5 or all(x in vocab for x in parts) or w in vocab:
            return False, "generic"
        return True, ""
    has_head = any(w in ORG_HEADS for w in low)
    proper = [w for w in content if not all(x in vocab for x in re.split(r"[-']", w) if x)]
    if len(words) == 2:
        # Two words: one proper (non-English) word, and not a person-like pair without a head.
        if not proper:
            return False, "generic"
        if not has_head and len(proper) == 2:
            return False, "person"
        return True, ""
    # Three or more words: a named organisation (head noun) or a proper word.
    if not has_head and not proper:
        return False, "generic"
    if not has_head and len(words) <= 3 and len(proper) == len(content):
        return False, "person"
    return True, ""


# Words that are never taken as given names (titles, honorifics, place-name starters).
NOT_GIVEN = {
    "abu", "umm", "ibn", "bin", "sheikh", "shaikh", "sheik", "mullah", "ayatollah", "imam",
    "king", "queen", "prince", "princess", "emir", "amir", "sultan", "president", "general",
    "colonel", "major", "captain", "admiral", "marshal", "lord", "lady", "sir", "dame", "saint",
    "san", "santa", "new", "north", "south", "east", "west", "mount", "fort", "port", "lake",
    "el", "al", "de", "van", "von", "le", "la", "mr", "mrs", "ms", "dr", "haji", "hajji",
    "maulana", "rabbi", "pope", "cardinal", "bishop", "father", "brother", "sister", "judge",
    "senator", "governor", "mayor", "minister", "premier", "chancellor", "secretary", "deputy",
    "commander", "chief", "crown", "grand", "great", "royal", "supreme", "holy", "islamic",
    "united", "republic", "democratic", "national", "federal", "central", "upper", "lower",
    "baron", "baroness", "bundeskanzler", "count", "countess", "duke", "duchess", "sheikha",
}


def derive_given_names(path, vocab, taken):
    """First names: first words of the person entries of the country dictionary (entries of
    two or three words with dated codes), seen in 2+ entries, that are no English word, no
    title and no actor form."""
    count = {}
    for r in parse_actor_file(path):
        with_dates = any(re.search(r"\d", c) for c in r.codes) or r.comment.endswith("CountryInfo.txt")
        for ph in r.phrases:
            p, _ = split_phrase(ph)
            words = p.split()
            if not (2 <= len(words) <= 3) or not with_dates:
                continue
            w = words[0]
            if not re.fullmatch(r"[A-Z][A-Z]+", w) or len(w) < 3:
                continue
            count[w.capitalize()] = count.get(w.capitalize(), 0) + 1
    out = []
    lower_taken = {f.lower() for f in taken}
    for w, n in sorted(count.items()):
        lw = w.lower()
        if n < 2 or lw in vocab or lw in NOT_GIVEN or lw in lower_taken or lw in SMALL:
            continue
        out.append(w)
    return out


AGENT_TYPES = {
    "GOV": "state_organ", "MIL": "state_organ", "SPY": "state_organ", "LEG": "state_organ",
    "JUD": "state_organ", "COP": "state_organ",
    "REB": "armed_group", "INS": "armed_group", "UAF": "armed_group", "RAD": "armed_group",
    "OPP": "party", "PTY": "party",
    "BUS": "company",
    "NGO": "ngo", "NGM": "ngo",
    "MED": "media",
}

# Words that type a company or bank name by its last word ("Acme Corp", "Bank Melli").
COMPANY_WORDS = [
    "Corp", "Corp.", "Corporation", "Inc", "Inc.", "Ltd", "Ltd.", "Limited", "LLC", "PLC", "plc",
    "AG", "SA", "S.A.", "GmbH", "NV", "N.V.", "Co.", "Company", "Group", "Holdings", "Holding",
    "Industries", "Airlines", "Airways", "Petroleum", "Oil", "Gas", "Energy", "Motors",
    "Steel", "Mining", "Shipping", "Telecom", "Technologies", "Systems", "Aerospace",
    "Electronics", "Pharmaceuticals", "Chemicals", "Enterprises", "Partners", "Capital",
]
EXTRA_AGENTS = [
    ("party", "party"), ("parties", "party"), ("opposition", "party"),
    ("opposition party", "party"), ("ruling party", "party"), ("movement", "party"),
    ("bank", "bank"), ("banks", "bank"), ("lender", "bank"), ("lenders", "bank"),
    ("central bank", "bank"), ("firm", "company"), ("firms", "company"),
    ("militia", "armed_group"), ("militias", "armed_group"), ("militants", "armed_group"),
    ("armed group", "armed_group"), ("armed groups", "armed_group"), ("cartel", "armed_group"),
    ("cartels", "armed_group"), ("gang", "armed_group"), ("gangs", "armed_group"),
    ("state media", "state_organ"), ("state news agency", "state_organ"),
    ("news agency", "media"),
]
BANK_WORDS = ["Bank", "Bancorp", "Banque", "Banco", "Sberbank", "Bankshares"]


def derive_agents(path):
    subst = {}
    out = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split("#")[0].strip()
            if not line:
                continue
            m = re.match(r"!([A-Z]+)!\s*=\s*(.*)", line)
            if m:
                subst[m.group(1)] = [x.strip() for x in m.group(2).split(",")]
                continue
            m = re.match(r"([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]*)\]", line)
            if not m:
                continue
            phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
            code = code.strip("~")
            ty = AGENT_TYPES.get(code[:3])
            if ty is None:
                continue
            phrases = [phrase]
            for k, vals in subst.items():
                if "!" + k + "!" in phrase:
                    phrases = [phrase.replace("!" + k + "!", v) for v in vals]
                    plural = "{}"
            for ph in phrases:
                if " " in ph:
                    # A blank allows words in between: not a fixed noun phrase.
                    continue
                ph = ph.rstrip("_")
                forms = [ph]
                if plural is None:
                    if ph.endswith("Y") and not ph.endswith(("AY", "EY", "OY")):
                        forms.append(ph[:-1] + "IES")
                    elif ph.endswith(("SS", "CH", "SH", "X")):
                        forms.append(ph + "ES")
                    elif not ph.endswith("S"):
                        forms.append(ph + "S")
                elif plural.strip("{}").strip():
                    forms += [x for x in plural.strip("{}").split() if x]
                for fm in forms:
                    noun = fm.replace("_", " ").lower().strip()
                    if noun and re.fullmatch(r"[a-z][a-z \-']*", noun):
                        out.setdefault(noun, ty)
    # Curated head nouns the dictionary lacks (or comments out, like BANK).
    for noun, ty in EXTRA_AGENTS:
        out[noun] = ty
    agents = [{"noun": n, "type": t} for n, t in sorted(out.items())]
    return {
        "version": 1,
        "agents": agents,
        "name_words": [{"word": w, "type": "company"} for w in COMPANY_WORDS]
        + [{"word": w, "type": "bank"} for w in BANK_WORDS],
    }


def write(name, obj):
    with open(os.path.join(LEX, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
