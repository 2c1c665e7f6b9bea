#!/usr/bin/env python3
"""Derive Dyad's trigger inventory (assets/lexicon/triggers_cameo.json) from the PETRARCH2
CAMEO verb dictionary (CAMEO.2.0.txt, MIT licence, Open Event Data Alliance).

    python3 assets/lexicon/derive/derive_triggers.py [DIR_OR_FILE] [-o OUT.json]

DIR_OR_FILE defaults to ../shared/data/petrarch2 next to the repository (or next to one of
its parent directories, for worktrees). Standard library only; the output is
deterministic (sorted, no timestamps). See assets/lexicon/README.md for the rules.
"""

import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))

# --------------------------------------------------------------------------------------
# CAMEO code -> (kind, PLOVER category, status)
# --------------------------------------------------------------------------------------

INTENT_CATEGORY = {  # 03x: intent to do what 0(x) does
    "030": "COOPERATE", "031": "COOPERATE", "032": "COOPERATE", "033": "AID",
    "034": "CONCEDE", "035": "CONCEDE", "036": "CONSULT", "037": "AGREE",
    "038": "AGREE", "039": "AGREE",
}


# Domestic-politics codes: appeals/demands/refusals about political reform, leadership
# change and rights, easing of domestic restrictions, demonstrations and riots (the plain
# 140 "protest" stays), curfews/martial law/banning parties, court verdicts.
DOMESTIC = {"0241", "0242", "0243", "0244", "0341", "0342", "0343", "0344", "081", "082",
            "083", "1041", "1042", "1043", "1044", "1241", "1242", "1243", "1244", "1321",
            "1322", "1323", "1324", "141", "142", "143", "144", "145", "1721", "1722",
            "1723", "1724", "115", "116"}


def classify(code):
    """CAMEO code (e.g. '163', '0871', '042:043') -> (kind, category, status) or None.

    Paired codes 'a:b' (TABARI: a for source->target, b for the reverse) use a; codes with
    an empty first half (':110', the reverse event only) are not used."""
    code = code.strip()
    if code[:4] in DOMESTIC or code[:3] in DOMESTIC:
        return None
    if ":" in code:
        code = code.split(":", 1)[0].strip()
    if not re.fullmatch(r"\d{3,4}", code):
        return None
    root = int(code[:2])
    sub = code[:3]
    if root == 1:  # make public statement: not a relation
        return None
    if root == 2:  # appeal / request: not (yet) cooperation
        return ("cooperation", "REQUEST", "appeal")
    if root == 3:  # express intent to cooperate: not yet happened
        return ("cooperation", INTENT_CATEGORY.get(sub, "COOPERATE"), "intent")
    if root == 4:
        return ("cooperation", "CONSULT", "asserted")
    if root == 5:
        if sub in ("051", "052", "053", "056"):
            return ("cooperation", "SUPPORT", "asserted")
        if sub == "055":
            return ("cooperation", "CONCEDE", "asserted")
        if sub == "057":
            return ("cooperation", "AGREE", "asserted")
        return ("cooperation", "COOPERATE", "asserted")
    if root == 6:
        return ("cooperation", "COOPERATE", "asserted")
    if root == 7:
        return ("cooperation", "AID", "asserted")
    if root == 8:
        if sub == "087":
            return ("cooperation", "RETREAT", "asserted")
        return ("cooperation", "CONCEDE", "asserted")
    if root == 9:  # investigate: not a relation between the actors
        return None
    if root == 10:  # demand: a call, not a relation yet
        return ("mistrust", "REQUEST", "appeal")
    if root == 11:
        return ("mistrust", "DISAPPROVE", "asserted")
    if root == 12:
        return ("mistrust", "REJECT", "asserted")
    if root == 13:  # the threat is mistrust; the threatened act is not asserted
        return ("mistrust", "THREATEN", "threat")
    if root == 14:
        return ("mistrust", "PROTEST", "asserted")
    if root == 15:  # force posture: mistrust (an asserted act), never conflict
        return ("mistrust", "MOBILIZE", "asserted")
    if root == 16:
        if sub in ("163", "166"):
            return ("sanctions", "SANCTION", "asserted")
        return ("mistrust", "SANCTION", "asserted")
    if root == 17:
        # 172 administrative sanctions (bans, prohibitions) and 174 expulsions: sanctions;
        # the domestic 1721-1724 (censorship, banning parties, curfews, martial law) and the
        # rest of 17 (seize, arrest, blockade, repress, cyber): conflict.
        if code == "172" or sub == "174":
            return ("sanctions", "COERCE", "asserted")
        return ("conflict", "COERCE", "asserted")
    if root == 18:
        return ("conflict", "ASSAULT", "asserted")
    if root == 19:
        return ("conflict", "FIGHT", "asserted")
    if root == 20:
        if sub == "204":
            return ("conflict", "FIGHT", "asserted")
        return ("conflict", "ASSAULT", "asserted")
    return None


# --------------------------------------------------------------------------------------
# Word classes used by the pattern reader
# --------------------------------------------------------------------------------------

PARTICLES = {"up", "down", "off", "out", "away", "back", "over", "forth", "together", "in",
             "on", "through", "by", "aside"}
PREPOSITIONS = {"with", "to", "for", "against", "on", "into", "at", "from", "of", "upon",
                "after", "by", "about", "over", "toward", "towards", "in", "onto", "across",
                "behind", "near", "along", "as", "between", "among", "under", "before"}
# Prepositions that can introduce the other party of a relation (others, like "in" or
# "at", introduce places and times and are not kept as target prepositions).
TARGET_PREPS = {"with", "to", "for", "against", "on", "into", "at", "from", "of", "upon",
                "over", "toward", "towards", "onto", "between", "among", "about"}

# Verbs that never trigger on their own (too generic); they only count in patterns with an
# informative object, particle or preposition ("give aid", "take over", "make a deal").
GENERIC_VERBS = set("""
say tell go take give make get have be do come put set keep hold bring send see hear look
seem appear find know think want need use call run turn show leave move let begin start
continue try mean become remain stay stand fall rise reach raise lay lie pass play pull
push carry open close end stop cut draw drop fill form head lead note order own pay
place point post return serve spend state talk speak walk watch win work write add accord
issue provide supply base stage position arrange catch grab mark match master best better
count figure total sum score table tender render stock fill gear outfit attire furnish
""".split())

# Nouns that are too vague to make a light-verb pattern informative on their own.
VAGUE_NOUNS = set("""
it them him her himself herself themselves themselve itself this that way part place time thing
things one ones people man men woman women person poor rich wealthy public folk mass masses
""".split())

ADVERB_LIKE = {"forward", "ahead", "positively", "abroad", "ablaze", "afire", "free",
               "shut", "uncertain", "dangerous", "responsible", "friend", "home"}


# Valency of plain trigger verbs (general English): the prepositions that introduce the other
# party, and the verbs whose direct object is NOT the other party (intransitive, or the object
# is the act: "protested the decision", "alleged that...", "regretted the move"). Every other
# plain verb has the other party as its object ("attacked X", "sanctioned X", "met X").
VERB_PREPS = {
    "cooperate": "with", "co-operate": "with", "collaborate": "with", "coordinate": "with",
    "co-ordinate": "with", "agree": "with", "negotiate": "with", "bargain": "with",
    "haggle": "with", "compromise": "with", "confer": "with", "converse": "with",
    "consult": "with", "meet": "with", "mediate": "between", "broker": "between",
    "clash": "with", "battle": "with,against", "fight": "with,against", "disagree": "with",
    "complain": "about,to,against", "protest": "against,to,over", "object": "to",
    "retreat": "from", "disengage": "from", "secede": "from", "apologise": "to",
    "apologize": "to", "appeal": "to", "plead": "with", "insist": "on", "side": "with",
    "concede": "to", "surrender": "to", "scuffle": "with", "disassociate": "from",
    "contribute": "to", "donate": "to", "lend": "to", "invest": "in", "import": "from",
    "buy": "from", "purchase": "from", "extradite": "to", "expel": "from", "evict": "from",
    "ban": "from", "bar": "from", "offer": "to", "pledge": "to", "promise": "to",
    "propose": "to", "suggest": "to", "recommend": "to", "request": "from",
    "demand": "from,of", "comply": "with", "guarantee": "to", "disappoint": "with,by,at",
    "dismay": "with,by,at", "warn": "against", "caution": "against", "spy": "on",
    "intervene": "in", "retaliate": "against", "rebel": "against", "conspire": "against",
    "campaign": "against", "lobby": "against", "allege": "against",
}
NOT_OBJECT = set("""
cooperate co-operate collaborate coordinate co-ordinate agree negotiate bargain haggle
compromise confer converse mediate clash disagree complain protest object retreat disengage
secede apologise apologize appeal plead insist side concede surrender scuffle rampage
disassociate allege regret hope intend plan propose suggest recommend comply ensure
guarantee contribute donate lend invest import buy purchase disappoint dismay
""".split())


def load_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append((n, [c.strip() for c in line.split("\t")]))
    return rows


# --------------------------------------------------------------------------------------
# Morphology
# --------------------------------------------------------------------------------------

VOWELS = set("aeiou")


def verb_forms(base):
    """Regular inflections of a base verb (lower case)."""
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and len(base) > 2 and base[-2] not in VOWELS:
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "x", "z", "ch", "sh")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        if (len(base) >= 3 and base[-1] not in VOWELS | {"w", "x", "y"}
                and base[-2] in VOWELS and base[-3] not in VOWELS):
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


def singular(noun):
    """Naive singular of a (lower-case) noun; used for CAMEO pattern nouns."""
    irregular = {"hostilities": "hostility", "allies": "ally", "parties": "party",
                 "countries": "country", "crises": "crisis", "analyses": "analysis",
                 "men": "man", "women": "woman", "people": "people", "news": "news",
                 "arms": "arms", "talks": "talk", "relations": "relation",
                 "forces": "force", "series": "series", "headquarters": "headquarters",
                 "means": "means", "species": "species", "police": "police",
                 "knives": "knife", "lives": "life", "thieves": "thief", "wolves": "wolf",
                 "chiefs": "chief", "data": "data", "media": "media", "arms": "arms"}
    if noun in irregular:
        return irregular[noun]
    if " " in noun:
        head, _, last = noun.rpartition(" ")
        return head + " " + singular(last)
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("sses", "shes", "ches", "xes", "zes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is", "ous")) and len(noun) > 3:
        return noun[:-1]
    return noun


BRIT_AMER = [  # (suffix A, suffix B): either spelling gets the other one too
    ("ize", "ise"), ("ization", "isation"), ("izing", "ising"), ("yze", "yse"),
]
IZE_EXCEPTIONS = {"seize", "size", "prize", "capsize", "resize", "downsize", "maize",
                  "rise", "wise", "arise", "raise", "praise", "poise", "noise", "cruise",
                  "bruise", "premise", "promise", "advise", "devise", "revise", "supervise",
                  "compromise", "comprise", "surprise", "despise", "exercise", "franchise",
                  "merchandise", "enterprise", "disguise", "expertise", "otherwise",
                  "advertise", "chastise", "televise", "improvise", "incise", "excise",
                  "demise", "concise", "precise", "treatise", "reprise", "surmise",
                  "apprise", "disenfranchise", "circumcise", "likewise", "clockwise",
                  "franchise", "mortise", "guise", "rise", "baptise", "sunrise", "uprise"}
WORD_SPELLINGS = [  # whole-word British/American pairs
    ("defense", "defence"), ("offense", "offence"), ("favor", "favour"),
    ("honor", "honour"), ("labor", "labour"), ("rumor", "rumour"),
    ("endeavor", "endeavour"), ("dishonor", "dishonour"), ("clamor", "clamour"),
    ("center", "centre"), ("dialog", "dialogue"), ("fulfill", "fulfil"),
    ("enroll", "enrol"), ("install", "instal"), ("counselor", "counsellor"),
    ("license", "licence"), ("practice", "practise"), ("jewelry", "jewellery"),
    ("maneuver", "manoeuvre"), ("appall", "appal"), ("judgment", "judgement"),
    ("criticize", "criticise"), ("apologize", "apologise"), ("harbor", "harbour"),
    ("neighbor", "neighbour"), ("armor", "armour"), ("armored", "armoured"),
    ("favorable", "favourable"), ("behavior", "behaviour"), ("rigor", "rigour"),
    ("skeptical", "sceptical"), ("skepticism", "scepticism"), ("program", "programme"),
    ("co-operation", "cooperation"), ("co-operate", "cooperate"),
    ("co-operative", "cooperative"), ("co-ordinate", "coordinate"),
    ("co-ordination", "coordination"), ("bombard", "bombard"),
]


def spelling_variants(word):
    out = {word}
    for a, b in WORD_SPELLINGS:
        if word == a:
            out.add(b)
        elif word == b:
            out.add(a)
    if word not in IZE_EXCEPTIONS:
        for a, b in BRIT_AMER:
            if word.endswith(a) and len(word) > len(a) + 2:
                out.add(word[: -len(a)] + b)
            elif word.endswith(b) and len(word) > len(b) + 2:
                out.add(word[: -len(b)] + a)
    return out


# --------------------------------------------------------------------------------------
# Reading CAMEO.2.0.txt
# --------------------------------------------------------------------------------------


class Block:
    def __init__(self, name, code, line):
        self.name, self.code, self.line = name, code, line
        self.verbs = []  # (phrase words, own code or None, line)
        self.patterns = []  # (text, code, comment verbs, line)


def read_cameo(path):
    text = open(path, encoding="latin-1").read()
    synsets, blocks = {}, []
    cur_syn, cur = None, None
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
        if raw.startswith("---"):
            m = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", raw)
            cur = Block(m.group(1), m.group(2), n)
            blocks.append(cur)
            continue
        if not line.strip():
            continue
        if cur is None:  # synonym sets
            if line.startswith("&"):
                cur_syn = line.strip()
                synsets[cur_syn] = []
            elif line.startswith("+") and cur_syn:
                synsets[cur_syn].append(line[1:].strip())
            continue
        if line.startswith("-"):
            m = re.match(r"-(.*?)\[([^\]]*)\]", line)
            if not m:
                continue
            verbs = [c.strip() for c in comment.split(",")] if comment else []
            verbs = [v.split()[0] for v in verbs if v and re.match(r"[A-Z_+-]+$", v.split()[0])]
            cur.patterns.append((m.group(1).strip(), m.group(2).strip(), verbs, n))
        elif line.startswith("~"):
            continue
        else:
            m = re.match(r"(\S+)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
            word = m.group(1)
            own = m.group(3)[1:-1].strip() if m.group(3) else None
            irregular = m.group(2)[1:-1].split() if m.group(2) else []
            cur.verbs.append((word, own, irregular, n))
    return synsets, blocks


PATTERN_WORDS = set()  # every word CAMEO's patterns use outside synonym sets (filled by derive)


def expand_synset(synsets, name):
    """Single-word nouns of a synset (lower case, singular). Multiword members ("ah-64
    apache", "fighter jet") cannot be looked up by lemma and are skipped; of a large synset
    (&WEAPON, &AIRCRAFT, &CURRENCY: more than 40 members, mostly model and currency names)
    only the members that CAMEO's patterns also use on their own ("gun", "missile",
    "dollar") are kept."""
    words = synsets.get(name, [])
    out = set()
    for w in words:
        w = w.rstrip("_").lower()
        if not re.fullmatch(r"[a-z]+", w):
            continue
        if len(words) > 40 and singular(w) not in PATTERN_WORDS:
            continue
        out.add(singular(w))
    return sorted(out)


# --------------------------------------------------------------------------------------
# Derivation
# --------------------------------------------------------------------------------------


# Reducing relations (CAMEO 160/161) is a punitive diplomatic measure, which the guideline
# counts as sanctions, when a state cuts its own ties, envoys, missions or permissions
# ("cut ties", "recalled its ambassador", "closed the embassy", "cancelled visas"); the
# rest of 160/161 (postponing talks, straining relations, evacuating) stays mistrust.
PUNITIVE_VERBS = {"break", "cut", "close", "recall", "freeze", "withdraw", "shut", "deny",
                  "ban", "cancel", "halt", "revoke", "restrict", "curb", "reduce", "suspend",
                  "downgrade", "sever"}
PUNITIVE_OBJECTS = {"relation", "tie", "cooperation", "co-operation", "link", "embassy",
                    "consulate", "ambassador", "diplomat", "visa", "entry", "export",
                    "flight", "recognition", "diplomatic", "staff"}


def is_punitive_measure(cameo, lemma, light, particle=None):
    # "cut ties with X"; and a 161 phrasal verb whose particle carries the object
    # ("broke off with X", "broke off relations with X")
    return (str(cameo)[:3] in ("160", "161") and lemma in PUNITIVE_VERBS
            and (light in PUNITIVE_OBJECTS
                 or (str(cameo)[:3] == "161" and light is None and particle == "off")))


class Inventory:
    def __init__(self):
        self.entries = {}  # key -> entry dict
        self.provenance = collections.defaultdict(list)

    def add(self, lemma, pos, cls, cameo, preps=(), obj=False, particle=None, light=None,
            prep_required=False, source=""):
        kind, category, status = cls
        if is_punitive_measure(cameo, lemma, light, particle):
            # "cut ties with X", "recalled its ambassador from X"
            kind, category = "sanctions", "SANCTION"
            preps = tuple(preps) + ("with", "from", "to")
        key = (lemma, pos, particle, light, kind, status, prep_required)
        e = self.entries.get(key)
        if e is None:
            e = {"lemma": lemma, "pos": pos, "kind": kind, "category": category,
                 "cameo": cameo, "status": status, "preps": [], "object": False,
                 "particle": particle, "light": light, "prep_required": prep_required,
                 "_cameo_votes": collections.Counter()}
            self.entries[key] = e
        e["_cameo_votes"][(cameo, category)] += 1
        for p in preps:
            if p not in e["preps"]:
                e["preps"].append(p)
        e["object"] = e["object"] or obj
        self.provenance[key].append(source)
        return e


def parse_pattern(text, synsets):
    """A PETRARCH pattern '[pre] * [post]' -> dict or None when not usable.

    Usable: nothing before '*'; after it an optional particle, an optional object noun
    (word, {MODIFIER HEAD} group or &SYNSET) and bare prepositions '(PREP)'. Patterns whose
    prepositional phrases name a noun ('(TO BORDER)') or that constrain the subject are
    dropped: they are too specific for a lemma-keyed inventory."""
    if "*" not in text:
        return None
    pre, post = text.split("*", 1)
    if pre.strip():
        return None
    toks = re.findall(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+", post)
    particle, nouns, modified, preps, target_marker = None, None, False, [], False
    for i, t in enumerate(toks):
        if t in ("$", "^", "%"):
            continue
        if t == "+":
            target_marker = True
            continue
        if t.startswith("("):
            inner = t[1:-1].split()
            if len(inner) != 1:
                return None
            p = inner[0].lower()
            if p not in PREPOSITIONS:
                return None
            preps.append(p)
            continue
        if preps:  # a noun after a prepositional phrase: too specific
            return None
        if t.startswith("{"):
            words = t[1:-1].split()
            if any(w.startswith("&") for w in words[:-1]):
                modified = True
            head = words[-1]
            if len(words) > 1:
                modified = True
            t = head
        w = t.lower()
        if nouns is None and particle is None and w in PARTICLES and i == 0 and len(toks) > 0:
            particle = w
            continue
        if nouns is not None:
            return None  # two objects
        if w.startswith("&"):
            nouns = expand_synset(synsets, t)
        elif w in PREPOSITIONS and not nouns:
            preps.append(w)
            continue
        else:
            if not re.fullmatch(r"[a-z][a-z'-]*", w) or w in VAGUE_NOUNS:
                return None
            nouns = [singular(w)]
    return {"particle": particle, "nouns": nouns, "modified": modified, "preps": preps,
            "target": target_marker}


def default_source():
    """../shared/data/petrarch2 next to the repository (or next to a parent directory, for
    git worktrees kept in a subdirectory)."""
    d = REPO
    for _ in range(4):
        cand = os.path.join(os.path.dirname(d), "shared", "data", "petrarch2")
        if os.path.isdir(cand):
            return cand
        d = os.path.dirname(d)
    return os.path.join(os.path.dirname(REPO), "shared", "data", "petrarch2")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", nargs="?", default=None,
                    help="CAMEO.2.0.txt or its directory (default: ../shared/data/petrarch2)")
    ap.add_argument("-o", "--out", default=os.path.join(REPO, "assets", "lexicon",
                                                          "triggers_cameo.json"))
    ap.add_argument("--explain", action="store_true", help="print provenance to stderr")
    args = ap.parse_args()
    src = args.source or default_source()
    if os.path.isdir(src):
        src = os.path.join(src, "CAMEO.2.0.txt")
    if not os.path.exists(src):
        sys.exit(f"CAMEO dictionary not found: {src}")
    synsets, blocks = read_cameo(src)
    derive(synsets, blocks, args)


IRREGULAR_PAST = {"burnt": "burn", "saw": "see", "forgave": "forgive", "forgiven": "forgive",
                  "overthrew": "overthrow"}


def lemma_map(blocks):
    """Inflected form -> base verb, from the verb lines' regular and irregular forms."""
    bases = set()
    for b in blocks:
        for word, _own, _irr, _n in b.verbs:
            words = word.lower().replace("+", "").split("_")
            if len(words) == 1:
                bases.add(words[0])
            else:
                head = [w for w in word.lower().split("_") if w.startswith("+")]
                if head:
                    bases.add(head[0][1:])
    forms = {}
    for base in sorted(bases):
        for f in verb_forms(base):
            forms.setdefault(f, base)
    for b in blocks:
        for word, _own, irregular, _n in b.verbs:
            words = word.lower().split("_")
            heads = [w[1:] for w in words if w.startswith("+")] or [words[0]]
            for f in irregular:
                fw = [w[1:] for w in f.lower().split("_") if w.startswith("+")] or \
                    [f.lower().split("_")[0]]
                if fw[0] != heads[0]:
                    forms[fw[0]] = heads[0]
    for base in sorted(bases):
        # a verb line written in an inflected form (WORRIED, TOURING, BURNT) maps to the
        # base listed elsewhere; otherwise a base form is its own lemma
        other = [b for b in bases if b != base and base in verb_forms(b)]
        forms[base] = IRREGULAR_PAST.get(base) or (sorted(other)[0] if other else base)
    return forms


def split_phrase(phrase, lemmas):
    """'+CALL_OFF' / 'MEET' / 'CALLED_OFF' -> (lemma, rest words) or None (pre-verb
    compounds and coordinations such as 'KILLED_AND' are not used)."""
    words = phrase.lower().strip("_").split("_")
    if any(w in ("and", "or") for w in words):
        return None
    plus = [i for i, w in enumerate(words) if w.startswith("+")]
    if plus and plus[0] != 0:
        return None
    words = [w.lstrip("+") for w in words]
    if not all(re.fullmatch(r"[a-z][a-z'-]*", w) for w in words):
        return None
    head = lemmas.get(words[0], words[0])
    return head, words[1:]


def rest_shape(rest):
    """Words after a multiword verb's head -> (particle, preps, light) or None."""
    particle, preps, light = None, [], None
    for w in rest:
        if w in PARTICLES and particle is None and light is None and not preps and \
                w not in ("to", "with", "for", "against", "into", "after", "at"):
            particle = w
        elif w in PREPOSITIONS:
            preps.append(w)
        elif light is None and not preps:
            light = singular(w)
        else:
            return None
    return particle, preps, light


def derive(synsets, blocks, args):
    lemmas = lemma_map(blocks)
    for b in blocks:
        for text, _c, _v, _n in b.patterns:
            post = text.split("*", 1)[-1]
            for t in re.findall(r"(?<![&A-Za-z])[A-Za-z][A-Za-z'-]*", post):
                PATTERN_WORDS.add(singular(t.lower()))
    inv = Inventory()
    standalone = collections.defaultdict(list)  # (lemma) -> [(priority, cls, code, src)]
    light = collections.defaultdict(list)  # (lemma, particle, light) -> [(cls, code, modified, preps, src)]

    for b in blocks:
        block_code = b.code.replace("---", "").strip() or "---"
        block_head = b.name.lower().split("_")[0]
        comment_verbs = set()
        for _t, _c, verbs, _n in b.patterns:
            for v in verbs:
                sp = split_phrase(v, lemmas)
                if sp:
                    comment_verbs.add((sp[0],) + tuple(sp[1]))
        members = []
        for word, own, _irr, n in b.verbs:
            sp = split_phrase(word, lemmas)
            if sp is None:
                continue
            members.append(sp)
            code = own if own else block_code
            cls = classify(code)
            if cls is None:
                continue
            lemma, rest = sp
            src = f"CAMEO.2.0.txt:{n} {word} [{code}] in {b.name}"
            if rest:
                # a phrasal verb line of a generic verb ("go away", "pull out", "find out"
                # in broad blocks) needs its own code or to be attested in the block's
                # pattern comments, like single verbs below (R1/R3)
                if lemma in GENERIC_VERBS and not own and \
                        (lemma,) + tuple(rest) not in comment_verbs:
                    continue
                shape = rest_shape(rest)
                if shape is None:
                    continue
                particle, preps, lt = shape
                if lt:
                    light[(lemma, particle, lt)].append((cls, code.split(":")[0], False, preps, src))
                else:
                    inv.add(lemma, "VERB", cls, code.split(":")[0], preps=preps,
                            particle=particle, prep_required=bool(preps) and particle is None,
                            source=src)
                continue
            if lemma in GENERIC_VERBS:
                continue
            # R1 own code, R2 the block is named after the verb, R3 the verb occurs in the
            # block's pattern comments (the coders saw it in news text)
            prio = 3 if lemma == block_head else 2 if own else 1 if (lemma,) in comment_verbs else 0
            if prio == 0:
                continue
            standalone[lemma].append((prio, cls, code.split(":")[0], src))

        for text, code, verbs, n in b.patterns:
            cls = classify(code)
            if cls is None:
                continue
            pat = parse_pattern(text, synsets)
            if pat is None:
                continue
            targets = []
            for v in verbs:
                sp = split_phrase(v, lemmas)
                if sp is None:
                    continue
                lemma, rest = sp
                shape = rest_shape(rest) if rest else (None, [], None)
                if shape is None or shape[2]:
                    continue
                targets.append((lemma, shape[0], shape[1]))
            if not verbs:
                single = [m for m in members if not m[1]]
                if len(single) <= 3:
                    targets = [(m[0], None, []) for m in single]
            src = f"CAMEO.2.0.txt:{n} - {text} [{code}] {','.join(verbs)}"
            for lemma, vpart, vpreps in targets:
                particle = pat["particle"] or vpart
                if pat["particle"] and vpart and pat["particle"] != vpart:
                    continue
                preps = vpreps + pat["preps"]
                code1 = code.split(":")[0]
                if pat["nouns"] is None:
                    if particle is None and not preps:
                        continue  # the bare verb again
                    inv.add(lemma, "VERB", cls, code1, preps=preps, particle=particle,
                            prep_required=bool(preps) and particle is None, source=src)
                    continue
                for noun in pat["nouns"]:
                    if noun in VAGUE_NOUNS or noun in ADVERB_LIKE or noun.endswith("ly"):
                        continue
                    light[(lemma, particle, noun)].append((cls, code1, pat["modified"], preps, src))

    # one reading per standalone verb: the best-attested block wins
    for lemma, cands in sorted(standalone.items()):
        best = max(c[0] for c in cands)
        top = [c for c in cands if c[0] == best]
        votes = collections.Counter((c[1][0], c[1][2]) for c in top)
        (kind, status), _ = votes.most_common(1)[0]
        if len(votes) > 1 and list(votes.values()).count(votes.most_common(1)[0][1]) > 1:
            continue  # tie between readings: ambiguous
        for prio, cls, code, src in top:
            if (cls[0], cls[2]) == (kind, status):
                inv.add(lemma, "VERB", cls, code, source=src)

    # modality of the verb: an appeal, intent or threat verb ("demand", "seek", "plan",
    # "warn") cannot make an asserted light-verb reading ("demand" + "prison" is not an
    # arrest); CAMEO codes such patterns by their object
    modality = {}
    for lemma, cands in standalone.items():
        statuses = {c[1][2] for c in cands}
        if len(statuses) == 1:
            modality[lemma] = statuses.pop()
    # one reading per light-verb pattern; plain-noun patterns outrank modified ones
    for (lemma, particle, noun), cands in sorted(light.items(), key=lambda kv: str(kv[0])):
        if particle is None and modality.get(lemma, "asserted") != "asserted":
            cands = [c for c in cands if c[0][2] != "asserted"]
            if not cands:
                continue
        plain = [c for c in cands if not c[2]] or cands
        votes = collections.Counter((c[0][0], c[0][2]) for c in plain)
        ranked = votes.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            continue
        kind, status = ranked[0][0]
        for cls, code, _m, preps, src in plain:
            if (cls[0], cls[2]) == (kind, status):
                inv.add(lemma, "VERB", cls, code, preps=[p for p in preps if p in TARGET_PREPS],
                        obj=True, particle=particle, light=noun, source=src)

    apply_overrides(inv)
    cameo_nouns = nouns_in_cameo(synsets, blocks)
    extra = add_extras(inv)
    add_nominals(inv, cameo_nouns, extra)
    add_valency(inv)
    add_spellings(inv)
    finish(inv, args)


def apply_overrides(inv):
    for n, row in load_tsv(os.path.join(HERE, "overrides.tsv")):
        lemma, particle, lt, action = row[0], row[1], row[2], row[3]
        prep = None
        if particle.startswith("("):  # a preposition-bound reading: "(with)"
            prep, particle = particle.strip("()"), "-"
        particle = None if particle == "-" else particle
        hits = [k for k, e in inv.entries.items()
                if e["lemma"] == lemma and e["pos"] == "VERB" and e["particle"] == particle
                and (lt == "*" or e["light"] == (None if lt == "-" else lt))
                and (e["prep_required"] and prep in e["preps"] if prep
                     else not e["prep_required"])]
        if not hits:
            print(f"overrides.tsv:{n}: note: no entry matches {row[:3]}", file=sys.stderr)
            continue
        if action == "drop":
            for k in hits:
                del inv.entries[k]
            continue
        cls = classify(action)
        if cls is None:
            sys.exit(f"overrides.tsv:{n}: bad code {action}")
        keep = inv.entries[hits[0]]
        for k in hits:
            del inv.entries[k]
        e = inv.add(lemma, "VERB", cls, action, preps=keep["preps"], obj=keep["object"],
                    particle=particle, light=keep["light"], prep_required=bool(prep),
                    source=f"overrides.tsv:{n}")
        e["_cameo_votes"] = collections.Counter({(action, cls[1]): 1000})


def add_valency(inv):
    """Plain verbs: the object is the other party unless NOT_OBJECT; VERB_PREPS adds the
    prepositions that introduce it."""
    for e in inv.entries.values():
        if e["pos"] != "VERB" or e["light"] is not None:
            continue
        for p in VERB_PREPS.get(e["lemma"], "").split(","):
            if p and p not in e["preps"]:
                e["preps"].append(p)
        if e["particle"] is None and not e["prep_required"]:
            e["object"] = e["lemma"] not in NOT_OBJECT


def nouns_in_cameo(synsets, blocks):
    """Every word CAMEO uses after the verb in a pattern or in a synonym set (lower case,
    singular): the attestation for rule-derived nominals."""
    out = set()
    for words in synsets.values():
        for w in words:
            for t in w.lower().strip("_").split("_"):
                out.add(singular(t))
    for b in blocks:
        for text, _c, _v, _n in b.patterns:
            for t in re.findall(r"[A-Za-z][A-Za-z'-]*", text.split("*", 1)[-1]):
                out.add(singular(t.lower()))
    return out


def nominal_candidates(verb):
    """Rule-derived event nouns of a verb (checked against CAMEO's own nouns by the caller)."""
    c = set()
    if verb.endswith("ate"):
        c.add(verb[:-1] + "ion")  # cooperate -> cooperation
    if verb.endswith(("ize", "ise")):
        c.add(verb[:-1] + "ation")  # mobilize -> mobilization
    if verb.endswith("ify"):
        c.add(verb[:-1] + "ication")
    if verb.endswith(("ct", "ss", "rt")):
        c.add(verb + "ion")  # protect -> protection, obstruct -> obstruction
    if verb.endswith("mit"):
        c.add(verb[:-1] + "ssion")  # submit -> submission
    if verb.endswith("ide"):
        c.add(verb[:-2] + "sion")  # decide -> decision
    if verb.endswith(("ve", "se")):
        c.add(verb[:-1] + "al")  # approve -> approval, refuse -> refusal
    if verb.endswith("e"):
        c |= {verb[:-1] + "ation", verb + "ment"}
    else:
        c |= {verb + "al", verb + "ment", verb + "ation"}
    if verb.endswith("y"):
        c.add(verb[:-1] + "ial")  # deny -> denial
    return c - {verb}


KIND_PREPS = {
    "cooperation": ["with", "between"],
    "mistrust": ["against", "of", "with", "between", "toward", "towards"],
    "sanctions": ["on", "against"],
    "conflict": ["on", "against", "with", "between"],
}
CATEGORY_PREPS = {"AID": ["to", "for"], "SUPPORT": ["for", "of", "to"]}


def default_preps(kind, category):
    return CATEGORY_PREPS.get(category, KIND_PREPS.get(kind, []))


def verb_reading(inv, verb):
    """The verb's standalone entry (no particle, light noun or required preposition)."""
    cands = [e for e in inv.entries.values() if e["lemma"] == verb and e["pos"] == "VERB"
             and e["particle"] is None and e["light"] is None and not e["prep_required"]]
    return cands[0] if len(cands) == 1 else None


def add_nominals(inv, cameo_nouns, extra):
    table = load_tsv(os.path.join(HERE, "nominals.tsv"))
    listed = set()
    for n, row in table:
        row = row + [""] * (5 - len(row))
        verb, pos, form, preps, code = row[:5]
        listed.add(form)
        if code == "-":
            continue  # not a nominal of the verb: blocks the rule-derived noun
        if (form, pos) in extra:
            continue  # the curated row wins
        if code:
            cls = classify(code)
            if cls is None:
                sys.exit(f"nominals.tsv:{n}: bad code {code}")
        else:
            v = verb_reading(inv, verb)
            if v is None:
                print(f"nominals.tsv:{n}: note: {verb} has no single verb entry, {form} "
                      "skipped (give a code)", file=sys.stderr)
                continue
            cls, code = (v["kind"], v["category"], v["status"]), max(
                v["_cameo_votes"].items(), key=lambda kv: kv[1])[0][0]
        preps = [p for p in preps.split(",") if p] or default_preps(cls[0], cls[1])
        e = inv.add(form, pos, cls, code, preps=preps, source=f"nominals.tsv:{n}")
        e["_cameo_votes"][(code, cls[1])] += 100
    # rule-derived nominals of every standalone verb, attested as nouns in CAMEO
    verbs = sorted({e["lemma"] for e in inv.entries.values() if e["pos"] == "VERB"
                    and e["particle"] is None and e["light"] is None
                    and not e["prep_required"]})
    for verb in verbs:
        v = verb_reading(inv, verb)
        if v is None:
            continue
        for noun in sorted(nominal_candidates(verb)):
            if noun in cameo_nouns and noun not in listed and noun not in VAGUE_NOUNS \
                    and (noun, "NOUN") not in extra:
                code = max(v["_cameo_votes"].items(), key=lambda kv: kv[1])[0][0]
                inv.add(noun, "NOUN", (v["kind"], v["category"], v["status"]), code,
                        preps=default_preps(v["kind"], v["category"]),
                        source=f"rule: {verb} -> {noun} (attested in CAMEO)")


def add_extras(inv):
    seen = set()
    for n, row in load_tsv(os.path.join(HERE, "extra_triggers.tsv")):
        row = row + [""] * (8 - len(row))
        lemma, pos, kind, category, code, status, preps, lt = row[:8]
        lt = lt or None
        if pos not in ("VERB", "NOUN", "ADJ") or status not in (
                "asserted", "intent", "appeal", "threat") or kind not in KIND_PREPS:
            sys.exit(f"extra_triggers.tsv:{n}: bad row {row}")
        for k in [k for k, e in inv.entries.items() if e["lemma"] == lemma
                  and e["pos"] == pos and e["particle"] is None and e["light"] == lt
                  and not e["prep_required"]]:
            del inv.entries[k]
        e = inv.add(lemma, pos, (kind, category, status), code,
                    preps=[p for p in preps.split(",") if p], obj=lt is not None, light=lt,
                    source=f"extra_triggers.tsv:{n}")
        e["_cameo_votes"] = collections.Counter({(code, category): 1000})
        if lt is None:
            seen.add((lemma, pos))
    return seen


def add_spellings(inv):
    """British/American variants of every lemma and light noun (criticise/criticize)."""
    for key, e in list(inv.entries.items()):
        for lemma in spelling_variants(e["lemma"]):
            for lt in (spelling_variants(e["light"]) if e["light"] else {None}):
                if lemma == e["lemma"] and lt == e["light"]:
                    continue
                new = dict(e)
                new["lemma"], new["light"] = lemma, lt
                new["preps"] = list(e["preps"])
                new["_cameo_votes"] = collections.Counter(e["_cameo_votes"])
                k = (lemma,) + key[1:3] + (lt,) + key[4:]
                if k not in inv.entries:
                    inv.entries[k] = new
                    inv.provenance[k].append(f"spelling variant of {e['lemma']}")


def merge_prep_bound(inv):
    """A preposition-bound reading with the same kind and status as the plain reading of the
    lemma only adds prepositions to it ("mediate between", "protest about")."""
    plain = {(e["lemma"], e["pos"], e["kind"], e["status"]): e for e in inv.entries.values()
             if e["light"] is None and e["particle"] is None and not e["prep_required"]}
    for k, e in list(inv.entries.items()):
        if not e["prep_required"]:
            continue
        p = plain.get((e["lemma"], e["pos"], e["kind"], e["status"]))
        if p is not None:
            p["preps"] += [x for x in e["preps"] if x not in p["preps"]]
            inv.provenance[k].append("merged into the plain reading")
            del inv.entries[k]


def finish(inv, args):
    merge_prep_bound(inv)
    out = []
    for key, e in sorted(inv.entries.items(), key=lambda kv: str(kv[0])):
        (cameo, category), _ = sorted(e.pop("_cameo_votes").items(),
                                      key=lambda kv: (-kv[1], kv[0]))[0]
        e["cameo"], e["category"] = cameo, category
        out.append(e)
    if args.explain:
        for key, srcs in sorted(inv.provenance.items(), key=lambda kv: str(kv[0])):
            print(key, "<-", "; ".join(srcs[:3]), file=sys.stderr)
    order = ["lemma", "pos", "kind", "category", "cameo", "status", "preps", "object",
             "particle", "light", "prep_required"]
    out.sort(key=lambda e: (e["lemma"], e["pos"], e["particle"] or "", e["light"] or "",
                            e["kind"], e["status"], e["prep_required"]))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write('{\n "version": 1,\n "source": "derived by assets/lexicon/derive/'
                'derive_triggers.py from PETRARCH2 CAMEO.2.0.txt (MIT licence, Open Event '
                'Data Alliance; see LICENSE-petrarch2.txt)",\n "entries": [\n')
        for i, e in enumerate(out):
            line = json.dumps({k: e[k] for k in order}, separators=(",", ":"))
            f.write("  " + line + (",\n" if i + 1 < len(out) else "\n"))
        f.write(" ]\n}\n")
    print(f"{len(out)} entries -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
