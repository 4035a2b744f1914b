#!/usr/bin/env python3
"""Generates a library of N pages for benchmarks: each page has the bundled page's structure (front matter,
introduction, ## sections, ### sub-headings, lists, a captioned table) with its words varied, so pages differ
but keep a realistic length. Writes DIR/site.yaml, DIR/lexicon.pls and DIR/pages/*.md; prints the number of
words in the pages' bodies (what is spoken, near enough). Usage: bench/library.py DIR N [SEED]"""
import random, re, shutil, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
out, count = Path(sys.argv[1]), int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 13)
source = (root / "content/pages/what-is-ketamine.md").read_text()
_, front, body = source.split("---\n", 2)
site = (root / "content/site.yaml").read_text()
topics = re.findall(r"^\s*- id: (\S+)", site, re.M)
vocab = sorted(set(w for w in re.findall(r"[A-Za-z]{4,}", body) if w.lower() != "table"))
terms = ["ketamine", "esketamine", "infusion", "lithium", "sertraline", "psilocybin", "therapy", "counselling",
         "acupuncture", "physiotherapy", "insulin", "vaccination", "anaesthesia", "dialysis", "imaging", "surgery"]

def vary(text, term, rate):
    def swap(m):
        w = m.group(0)
        if w.lower() == "ketamine":
            return term.capitalize() if w[0].isupper() else term
        if len(w) >= 4 and rng.random() < rate:
            r = rng.choice(vocab)
            return r.capitalize() if w[0].isupper() else r.lower()
        return w
    return re.sub(r"[A-Za-z]+", swap, text)

(out / "pages").mkdir(parents=True, exist_ok=True)
shutil.copy(root / "content/site.yaml", out / "site.yaml")
if (root / "content/lexicon.pls").exists():
    shutil.copy(root / "content/lexicon.pls", out / "lexicon.pls")
words = 0
for i in range(count):
    term = terms[i % len(terms)]
    slug = f"page-{i:04d}-{term}"
    lines = []
    for line in body.split("\n"):
        if line.startswith("## ") or line.startswith("### "):
            # Headings keep their words (unique ids) with the page's term swapped in and one extra word.
            hashes, text = line.split(" ", 1)
            line = f"{hashes} {vary(text, term, 0.0)}" + (f" and {rng.choice(vocab).lower()}" if hashes == "##" else "")
        elif line.startswith("|") and set(line) <= set("|-: "):
            pass
        elif line.startswith("Table: "):
            line = "Table: " + vary(line[len("Table: "):], term, 0.35)
        elif line.startswith("> [!"):
            # A care callout's kind is markup, not words: vary only its title.
            head, _, title = line.partition("]")
            line = f"{head}] {vary(title.strip(), term, 0.35)}" if title.strip() else line
        elif line.strip():
            line = vary(line, term, 0.35)
        lines.append(line)
    text = "\n".join(lines)
    # Duplicate headings after variation would be a content error: number them.
    seen = {}
    def unique(m):
        seen[m.group(0)] = seen.get(m.group(0), 0) + 1
        return m.group(0) + ("" if seen[m.group(0)] == 1 else f" {seen[m.group(0)]}")
    text = re.sub(r"^## .*$", unique, text, flags=re.M)
    words += len(re.findall(r"\w+", re.sub(r"^(Table:|\|[-| :]+\|$)", "", text, flags=re.M)))
    fm = (f"title: {vary('What is Ketamine?', term, 0.0)} ({i + 1})\n"
          f"summary: {vary('Understanding the breakthrough treatment for mental health care', term, 0.3)}\n"
          f"reviewed: 2026-{1 + i % 12:02d}-{1 + i % 28:02d}\nnext-review: 2027-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
          f"topic: {topics[i % len(topics)]}\n")
    (out / "pages" / f"{slug}.md").write_text(f"---\n{fm}---\n{text}")
print(words)
