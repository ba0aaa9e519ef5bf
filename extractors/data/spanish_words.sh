#!/bin/sh
# Remakes spanish_words.txt.gz from the word list of Tesseract's Spanish model (Apache-2.0):
# every word form without accents (as lexicon.fold makes them), letters only, sorted; in lower
# case when the list writes it in lower case, else capitalised (names, acronyms).
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "${TESSDATA:-/usr/share/tesseract-ocr/5/tessdata}/spa.traineddata" "$tmp/"
(cd "$tmp" && combine_tessdata -u spa.traineddata spa. >/dev/null 2>&1 && dawg2wordlist spa.lstm-unicharset spa.lstm-word-dawg words.txt >/dev/null 2>&1)
python3 - "$tmp/words.txt" "$(dirname "$0")/spanish_words.txt.gz" <<'PY'
import gzip, re, sys, unicodedata
def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))
listed = open(sys.argv[1], encoding="utf-8").read().split()
lower = {fold(w) for w in listed if w == w.lower()}
words = {fold(w) for w in listed}
data = "\n".join(sorted(w if w in lower else w.capitalize()
                        for w in words if re.fullmatch(r"[a-zñ]+", w))) + "\n"
with open(sys.argv[2], "wb") as out:
    out.write(gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0))
PY
