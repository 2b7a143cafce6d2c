"""A note as the summary prints it: its tags become words and leave the sentence; a
recommendation is the passage its tag marks; breaks are not sessions; a scheduled speaker who
did not speak is listed as such."""

from __future__ import annotations

import re

from moderator.core.notebook import parse_tags
from moderator.export import markdown, wording
from moderator.export.build import build_summary
from moderator.export.note_text import passage, shown, without_tags
from tests.export.scripted import Script, run_opening


def test_tags_become_words_before_the_text() -> None:
    assert shown("Share threat assessments with operators #rec", ("rec",)) == (
        "Recommendation: Share threat assessments with operators")
    assert shown("Clear roles #rec #partnerships.", ("rec", "partnerships")) == (
        "Recommendation (partnerships): Clear roles.")
    assert shown("Mapping #topic", ("topic",)) == "Topic: Mapping"
    assert shown("Untagged, as written", ()) == "Untagged, as written"


def test_doc_leaves_the_text() -> None:
    text = "The EU statement was circulated #doc PC.DEL/448/12 OSCE+ yesterday"
    assert without_tags(text) == "The EU statement was circulated yesterday"
    assert shown(text, parse_tags(text)) == "The EU statement was circulated yesterday"


def test_a_recommendation_is_its_sentence_or_paragraph() -> None:
    note = ("The panel described three attacks. Operators should share threat assessments "
            "#rec with the police. Drills helped.")
    assert passage(note, "rec") == "Operators should share threat assessments with the police."
    after_stop = "First point. Exercises should be held twice a year. #rec"
    assert passage(after_stop, "rec") == "Exercises should be held twice a year."
    paragraph = "Intro line.\n#rec States should map sites. They should fund drills.\nOther."
    assert passage(paragraph, "rec") == "States should map sites. They should fund drills."
    above = "Partnerships need clear roles. And a lead agency.\n#rec"
    assert passage(above, "rec") == "Partnerships need clear roles. And a lead agency."
    assert passage("Two tags here #action #rec.", "action") == "Two tags here."


def test_the_seminars_summary_has_no_break_session_and_names_who_did_not_speak() -> None:
    s = Script()
    run_opening(s)
    m = s.meeting
    m.record(m.start_item("s1-panel"))  # the panel: its first speaker only
    m.record(m.give_floor())
    s.clock.advance(300)
    m.record(m.finish_item())
    summary = build_summary([m], s.clock)
    reported = [session.title for session, _ in wording.sessions(summary)]
    assert "Coffee break" not in reported and reported[0] == "Opening session"
    panel = next(i for _, items in wording.sessions(summary) for i in items if i.id == "s1-panel")
    assert wording.not_heard(panel) == [
        "Counter-terrorism analyst, Europol", "Senior officer, national counter-terrorism police unit",
        "Representative, association of victims of terrorism"]
    text = markdown.render(summary).decode()
    assert ("*Scheduled, did not speak:* Counter-terrorism analyst, Europol; Senior officer, "
            "national counter-terrorism police unit; Representative, association of victims of "
            "terrorism") in text
    assert "## Coffee break" not in text and "Quote: “Soft targets are everyone's concern”" in text


def test_tags_leave_the_text_as_the_word_start_rule_takes_them_out() -> None:
    """Tags found by their "#" and taken out with the spaces before them: what "spaces, then
    a '#' that starts a word, and its tag" takes out."""
    import random
    import re

    from moderator.export import note_text

    rule = re.compile(r"[ \t]*(?<![\w#])#(?:doc\b:?\s*[^\s,;()]+(?:\s+OSCE\+)?|\w[\w-]*)",
                      re.IGNORECASE)
    chosen = random.Random(11)
    texts = ["Share assessments #rec", "#doc: PC.DEL/925/20 OSCE+ noted", "a  \t#rec.", "x#no",
             "##no", "#DOC PC.DEL/1 and #Rec-", "é #yes é#no"]
    texts += ["".join(chosen.choice(["#", "#doc ", "#DOC:", "a", " ", "\t", "\n", "_", "-", "é",
                                     ".", "OSCE+", "PC/1", ","])
                      for _ in range(chosen.randint(0, 10))) for _ in range(20_000)]
    for text in texts:
        assert note_text._taken_out(text) == rule.sub("", text), text


def test_markdown_escapes_every_markup_character_with_a_backslash() -> None:
    import random
    import re

    from moderator.export.markdown import SPECIAL, escape
    from moderator.export.plain import plain_text

    rule = re.compile(r"([\\`*_\[\]<>#|~&])")
    chosen = random.Random(5)
    # Every break `splitlines` knows, and the controls `plain_text` replaces.
    breaks = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\t", "\x1b", "\u00a0"]
    for _ in range(20_000):
        text = "".join(chosen.choice([*SPECIAL, "a", "b", " ", "-", "1.", *breaks])
                       for _ in range(chosen.randint(0, 12)))
        lines = [rule.sub(r"\\\1", line.strip()) for line in plain_text(text).strip().splitlines()]
        assert escape(text) == "<br>".join(line for line in lines if line), repr(text)


def test_markdown_text_ends_as_the_stripped_join_did() -> None:
    import random

    from moderator.export.markdown import _text_of

    chosen = random.Random(8)
    for _ in range(5_000):
        lines = ["".join(chosen.choice(["a", " ", "\t", "\n", ""]) for _ in range(chosen.randint(0, 3)))
                 for _ in range(chosen.randint(0, 5))]
        assert _text_of(list(lines)) == "\n".join(lines).rstrip() + "\n", lines


_FORMER_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"\u201d\u2019)]*\s+")


def _former_has(text: str, tag: str) -> bool:
    from moderator.core.notebook import TAG

    return "#" in text and any(m.group(1).rstrip("-").casefold() == tag for m in TAG.finditer(text))


def _former_starts_with_tags(paragraph: str, tag: str) -> bool:
    from moderator.core.notebook import TAG

    for word in paragraph.split():
        match = TAG.fullmatch(word)
        if match is None:
            return False
        if match.group(1).rstrip("-").casefold() == tag:
            return True
    return False


def _former_passage(text: str, tag: str) -> str:
    """`note_text.passage` as it was before it reused what it had found (the reference)."""
    from moderator.export.note_text import without_tags

    paragraphs = [line for line in text.splitlines() if line.strip()]
    for index, paragraph in enumerate(paragraphs):
        if not _former_has(paragraph, tag):
            continue
        if not without_tags(paragraph):
            return without_tags(paragraphs[index - 1]) if index else ""
        if _former_starts_with_tags(paragraph, tag):
            return without_tags(paragraph)
        sentences = _FORMER_SENTENCE_END.split(paragraph.strip())
        for n, sentence in enumerate(sentences):
            if _former_has(sentence, tag):
                if not without_tags(sentence) and n:
                    return without_tags(sentences[n - 1])
                return without_tags(sentence)
    return without_tags(text)


def test_a_passage_is_what_it_was_before_it_reused_its_findings() -> None:
    import random

    from moderator.export.note_text import _SENTENCE_END, _sentences, passage

    chosen = random.Random(17)
    pieces = ["#rec", "#action", "#REC", " ", "  ", "\t", "\n", "\u3000", "\xa0", "Word", "a",
              ".", ". ", "!", "?”", ",", ";", ":", "#doc PC.DEL/1", "x#rec", "##rec", "é", "…",
              "\"", "”", "’", ")", "#rec-", "#Rec_1", "#re"]
    for _ in range(20_000):
        text = "".join(chosen.choice(pieces) for _ in range(chosen.randint(0, 12)))
        for tag in ("rec", "action"):
            assert passage(text, tag) == _former_passage(text, tag), (text, tag)
        assert _sentences(text) == _FORMER_SENTENCE_END.split(text), text
    assert _SENTENCE_END.pattern.startswith("[")  # the mark first: no lookbehind to try everywhere
