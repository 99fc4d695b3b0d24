#!/usr/bin/env bash
# Trains dyad's compact English tagger + lemmatizer + dependency parser from UD English EWT
# (CC BY-SA 4.0, read from ../shared/data/ud_english_ewt) and installs the best model into
# src/dyad/data/models/en_dyad_ewt. One core, about 45 minutes. Reproduces the committed weights.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
ewt=${EWT_DIR:-$root/../shared/data/ud_english_ewt}
work=${WORK_DIR:-$root/training/work}
py=${PYTHON:-$root/.venv/bin/python}
mkdir -p "$work/corpus"
for split in train dev test; do
  # -n 10 groups sentences into docs; no -m (it would merge morphology into the tag).
  "$py" -m spacy convert -c conllu -n 10 "$ewt/en_ewt-ud-$split.conllu" "$work/corpus" >/dev/null
done
"$py" -m spacy train "$here/parser.cfg" --output "$work/out" \
  --paths.train "$work/corpus/en_ewt-ud-train.spacy" --paths.dev "$work/corpus/en_ewt-ud-dev.spacy" \
  --system.seed 0
"$py" -m spacy evaluate "$work/out/model-best" "$work/corpus/en_ewt-ud-test.spacy" \
  --output "$here/parser_test_scores.json"
dest="$root/src/dyad/data/models/en_dyad_ewt"
rm -rf "$dest" && cp -r "$work/out/model-best" "$dest"
echo "installed $dest"
