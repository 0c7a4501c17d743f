#!/usr/bin/env python3
"""Stem oracle/words.txt with the PyPI Sastrawi package into oracle/expected.tsv.

    pip install Sastrawi==1.0.1
    python3 crates/warta-search/oracle/stem-sastrawi.py

The output is committed; the Rust test (tests/oracle.rs) compares the stemmer with it and
reruns this script only when WARTA_REGENERATE_ORACLE=1.
"""
import os

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

here = os.path.dirname(os.path.abspath(__file__))
stemmer = StemmerFactory().create_stemmer()
with open(os.path.join(here, "words.txt"), encoding="utf-8") as f:
    words = [w.strip() for w in f if w.strip()]
with open(os.path.join(here, "expected.tsv"), "w", encoding="utf-8") as f:
    for w in words:
        f.write(f"{w}\t{stemmer.stem(w)}\n")
print(len(words), "words stemmed")
