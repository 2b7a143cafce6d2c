"""A rapporteur's note as the summary prints it: its tags become words and leave the sentence.

"Share threat assessments with operators #rec" reads "Recommendation: Share threat
assessments with operators"; "#doc PC.DEL/448/12" leaves the text (the document is listed
with the intervention). A recommendation or an action is the passage its tag marks, not the
whole note:
- a tag at the start of a paragraph marks the whole paragraph;
- a tag alone on its line marks the paragraph above it;
- anywhere else, a tag marks its sentence (a tag just after a full stop marks the sentence
  that stop ends).
Tags are found as `moderator.core.notebook.parse_tags` finds them.
"""

from __future__ import annotations

import re

from moderator.core.notebook import TAG as _TAG  # the core's grammar: "#rec", not "issue#12"
from moderator.core.notebook import TAG_WORDS

# A tag (with a #doc's symbol): taken out with the spaces before it, it leaves the sentence.
# (The "#" first: the engine looks for it alone, not at every position of every note.)
_OUT = re.compile(r"#(?<![\w#]#)(?:doc\b:?\s*[^\s,;()]+(?:\s+OSCE\+)?|\w[\w-]*)",
                  re.IGNORECASE)


def _taken_out(text: str) -> str:
    """`text` without its tags, and without the spaces and tabs just before each."""
    kept, last = [], 0
    for found in _OUT.finditer(text):
        kept.append(text[last:found.start()].rstrip(" \t"))
        last = found.end()
    kept.append(text[last:])
    return "".join(kept)


# A sentence ends at its mark; the closing quotes or brackets and the blanks after it go.
# (The mark first, not a lookbehind: the engine then looks for the marks alone.)
_SENTENCE_END = re.compile(r"[.!?\u2026][\"\u201d\u2019)]*\s+")


def _sentences(paragraph: str) -> list[str]:
    """The paragraph's sentences, each with its mark, without what follows it."""
    found, last = [], 0
    for end in _SENTENCE_END.finditer(paragraph):
        found.append(paragraph[last:end.start() + 1])
        last = end.end()
    found.append(paragraph[last:])
    return found


DOC = "doc"
LABELS = {tag: word.capitalize() for tag, word in TAG_WORDS.items()}


def without_tags(text: str) -> str:
    """The text with its tags and `#doc` symbols taken out, lines kept (empty ones dropped)."""
    if "#" in text:  # most notes have a tag; the one pattern takes each out with its space
        text = _taken_out(text).strip()
        if text[:1] in ",.;:":  # the tag began the note: "#rec. Text" -> "Text"
            text = text[1:].lstrip()
    if "\n" in text:
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text


def label(tags: tuple[str, ...]) -> str:
    """"Recommendation", "Action (partnerships)", "Partnerships": what the tags say."""
    words = [LABELS[t] for t in tags if t in LABELS]  # (a tag's text finds its NoteTag)
    free = [t for t in tags if t not in LABELS and t != DOC]
    if not words:
        return ", ".join(free).capitalize()
    return " and ".join(words) + (f" ({', '.join(free)})" if free else "")


def shown(text: str, tags: tuple[str, ...]) -> str:
    """The note as the summary prints it: "Recommendation: ..." ("" for tags alone)."""
    body, head = without_tags(text), label(tags)
    return f"{head}: {body}" if head and body else body or head


def passage(text: str, tag: str) -> str:
    """The passage `tag` marks in the note (see the module's rules), without its tags."""
    paragraphs = [line for line in text.splitlines() if line.strip()]
    for index, paragraph in enumerate(paragraphs):
        if not _has(paragraph, tag):
            continue
        bare = without_tags(paragraph)
        if not bare:  # the tag alone on its line: the paragraph above
            return without_tags(paragraphs[index - 1]) if index else ""
        if _starts_with_tags(paragraph, tag):
            return bare
        sentences = _sentences(paragraph.strip())
        if len(sentences) == 1:  # one sentence: the paragraph's (it has the tag)
            return bare
        for n, sentence in enumerate(sentences):
            if _has(sentence, tag):
                own = without_tags(sentence)
                if not own and n:  # "... operators. #rec"
                    return without_tags(sentences[n - 1])
                return own
    return without_tags(text)


def _has(text: str, tag: str) -> bool:
    return "#" in text and any(found.rstrip("-").casefold() == tag for found in _TAG.findall(text))


def _starts_with_tags(paragraph: str, tag: str) -> bool:
    """"#rec Governments should ..." (other tags may come first)."""
    if not paragraph.lstrip().startswith("#"):  # (the first word is no tag: most notes)
        return False
    words = paragraph.split()
    for word in words:
        match = _TAG.fullmatch(word)
        if match is None:
            return False
        if match.group(1).rstrip("-").casefold() == tag:
            return True
    return False
