"""Tests of splitting legal acts into segments (pravo.core.russian.structure)."""

from __future__ import annotations

import re

import pytest

from pravo.core.russian.segments import Segment
from pravo.core.russian.structure import looks_like_legal_act, split_act
from pravo.core.russian.text import normalize_text
from tests.unit.core.russian.segment_checks import assert_well_formed, read_fixture


@pytest.fixture(scope="module")
def labour_code() -> str:
    return read_fixture("labour_code_excerpt.txt")


@pytest.fixture(scope="module")
def civil_code() -> str:
    return read_fixture("civil_code_excerpt.txt")


@pytest.fixture(scope="module")
def decree() -> str:
    return read_fixture("belarus_decree.txt")


@pytest.fixture(scope="module")
def news() -> str:
    return read_fixture("news_union_state.txt")


SIGNATURE = {"Президент", "Российской Федерации", "В.ПУТИН", "Москва, Кремль", "30 декабря 2001 года", "N 197-ФЗ"}


def by_article(segments: list[Segment], article: str) -> list[Segment]:
    return [s for s in segments if s.article == article]


def uncovered_lines(text: str, segments: list[Segment]) -> list[str]:
    """Non-blank lines none of whose characters lie in a segment."""
    covered = bytearray(len(text))
    for segment in segments:
        covered[segment.start : segment.end] = b"\x01" * (segment.end - segment.start)
    lost = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if stripped and not covered[match.start() + match.group().index(stripped[0])]:
            lost.append(stripped)
    return lost


# --- articles of codes -----------------------------------------------------------------------


def test_every_article_of_the_labour_code_excerpt_is_found(labour_code):
    segments = split_act(labour_code)
    articles = list(dict.fromkeys(s.article for s in segments if s.article))
    assert articles == ["22", "22.2", "85", "80", "81", "351.7"]


def test_short_article_is_one_segment_starting_at_its_heading(labour_code):
    segments = by_article(split_act(labour_code), "80")
    assert len(segments) == 1
    text = labour_code[segments[0].start : segments[0].end]
    assert text.startswith("Статья 80. Расторжение трудового договора по инициативе работника")
    assert text.endswith("отозвать свое заявление.")
    assert segments[0].article_title == "Расторжение трудового договора по инициативе работника (по собственному желанию)"


def test_dotted_article_numbers_keep_their_dots(labour_code):
    segments = split_act(labour_code)
    (remote,) = by_article(segments, "22.2")
    assert remote.article_title == "Особенности трудовых отношений при дистанционной работе"
    assert "обмена электронными документами" in labour_code[remote.start : remote.end]
    (religious,) = by_article(segments, "351.7")
    assert labour_code[religious.start : religious.end].startswith("Статья 351.7.")
    assert "Статья 22." not in labour_code[remote.start : remote.end].replace("Статья 22.2.", "")


def test_articles_carry_their_chapter_and_section(labour_code):
    segments = split_act(labour_code)
    (article_22,) = by_article(segments, "22")
    assert article_22.chapter == "Глава 2. Трудовые отношения, стороны трудовых отношений"
    assert article_22.section == "Раздел I. Общие положения"
    assert {s.chapter for s in by_article(segments, "81")} == {"Глава 13. Прекращение трудового договора"}
    assert {s.section for s in by_article(segments, "81")} == {"Раздел III. Трудовой договор"}
    (article_351_7,) = by_article(segments, "351.7")
    assert article_351_7.chapter.startswith("Глава 52.1. ")


def test_repealed_article_stays_findable_by_number(labour_code):
    segments = split_act(labour_code)
    (repealed,) = by_article(segments, "85")
    assert repealed.repealed is True
    assert repealed.article_title == "Утратила силу"
    assert labour_code[repealed.start : repealed.end] == (
        "Статья 85. Утратила силу\n. - Федеральный закон от 30.06.2006 N 90-ФЗ."
    )
    assert not any(s.repealed for s in segments if s.article != "85")


def test_article_with_only_a_repeal_note_is_repealed_and_empty_article_is_not(civil_code):
    segments = split_act(civil_code)
    (article_3,) = by_article(segments, "3")
    assert article_3.repealed is True and article_3.article_title is None
    (article_4,) = by_article(segments, "4")
    assert civil_code[article_4.start : article_4.end] == "Статья 4."
    assert article_4.repealed is False


def test_text_before_the_first_article_is_its_own_segment(labour_code):
    first = split_act(labour_code)[0]
    assert first.article is None and first.chapter is None
    assert labour_code[first.start : first.end].startswith("# Трудовой кодекс Российской Федерации")


def test_heading_lines_are_context_not_segment_text(labour_code):
    segments = split_act(labour_code)
    for segment in segments:
        assert not labour_code[segment.start : segment.end].startswith(("Глава", "Раздел"))


def test_every_line_of_article_bodies_is_covered(labour_code, civil_code):
    for text in (labour_code, civil_code):
        for max_chars in (1200, 400, 150):
            segments = split_act(text, max_chars=max_chars, overlap_chars=60)
            lost = uncovered_lines(text, segments)
            assert [line for line in lost if not line.startswith(("Глава", "Раздел")) and line not in SIGNATURE] == []


def test_signature_block_ends_the_last_article(labour_code):
    segments = split_act(labour_code)
    assert segments[-1].article == "351.7"
    assert all("ПУТИН" not in labour_code[s.start : s.end] for s in segments)


def test_offsets_are_exact_and_trimmed(labour_code, civil_code, decree):
    for text in (labour_code, civil_code, decree):
        assert_well_formed(text, split_act(text))
        assert_well_formed(text, split_act(text, max_chars=300, overlap_chars=80))


@pytest.mark.parametrize(
    "heading, number, title",
    [
        ("Статья  80 . Расторжение трудового договора", "80", "Расторжение трудового договора"),
        ("Статья 80 Расторжение трудового договора", "80", "Расторжение трудового договора"),
        ("СТАТЬЯ 5. ПРИНЦИП ВИНЫ", "5", "ПРИНЦИП ВИНЫ"),
        ("   Статья 22.2.   Дистанционная работа", "22.2", "Дистанционная работа"),
        ("Статья 341.1-2. Договор о предоставлении труда", "341.1-2", "Договор о предоставлении труда"),
        ("Статья 12", "12", None),
    ],
)
def test_headings_with_odd_spacing_and_case(heading, number, title):
    text = f"{heading}\nПервая часть статьи.\n\nСтатья 99. Другая статья\nТекст другой статьи."
    segments = split_act(text)
    assert [s.article for s in segments] == [number, "99"]
    assert segments[0].article_title == title
    assert text[segments[0].start : segments[0].end].endswith("Первая часть статьи.")


def test_body_line_starting_with_a_reference_is_not_a_heading():
    text = (
        "Статья 10. Применение норм\n"
        "Статья 80 настоящего Кодекса применяется и к срочным договорам.\n"
        "Статья 81 Кодекса применяется с учетом особенностей, установленных законом.\n"
    )
    assert [s.article for s in split_act(text)] == ["10"]


def test_nbsp_in_headings_is_handled_after_normalisation():
    raw = "Статья\u00a080.\u00a0Расторжение договора\r\nТекст\u00ad статьи.\r\n\r\nСтатья\u00a081. Другая\r\nТекст."
    text = normalize_text(raw)
    segments = split_act(text)
    assert [s.article for s in segments] == ["80", "81"]
    assert text[segments[0].start : segments[0].end] == "Статья 80. Расторжение договора\nТекст статьи."


# --- long articles ---------------------------------------------------------------------------


def test_long_article_is_windowed_with_overlap(labour_code):
    max_chars, overlap = 600, 150
    windows = by_article(split_act(labour_code, max_chars=max_chars, overlap_chars=overlap), "81")
    assert len(windows) >= 4
    assert labour_code[windows[0].start : windows[0].end].startswith("Статья 81.")
    for window in windows:
        assert window.end - window.start <= max_chars
        assert window.article_title == "Расторжение трудового договора по инициативе работодателя"
        assert window.chapter == "Глава 13. Прекращение трудового договора"
    overlaps = [previous.end - following.start for previous, following in zip(windows, windows[1:])]
    assert all(0 <= o <= 1.5 * overlap for o in overlaps)
    assert sum(1 for o in overlaps if o > 0) >= len(overlaps) - 1
    last_sentence = "за исключением случая ликвидации организации."
    assert windows[-1].end == labour_code.index(last_sentence) + len(last_sentence)


def test_windows_end_at_line_ends_when_paragraphs_fit(labour_code):
    windows = by_article(split_act(labour_code, max_chars=600, overlap_chars=150), "81")
    for window in windows[:-1]:
        assert labour_code[window.end] == "\n"


def test_single_long_paragraph_is_cut_at_sentence_ends():
    sentence = "Работодатель обязан обеспечить безопасные условия труда работников на каждом рабочем месте."
    text = "Статья 212. Обязанности работодателя\n" + " ".join([sentence] * 30)
    windows = split_act(text, max_chars=400, overlap_chars=100)
    assert len(windows) > 5
    for window in windows:
        piece = text[window.start : window.end]
        assert len(piece) <= 400
        assert window.article == "212"
    for window in windows[1:-1]:
        assert text[window.end - 1] == "."
        assert text[window.start] == "Р"


def test_paragraph_without_sentence_ends_is_cut_at_word_ends_only():
    words = " ".join(f"слово{i}" for i in range(400))
    text = "Статья 1. Перечень\n" + words
    windows = split_act(text, max_chars=200, overlap_chars=40)
    for window in windows:
        assert window.end - window.start <= 200
        assert window.start == 0 or text[window.start - 1].isspace()
        assert window.end == len(text) or text[window.end].isspace()
    assert "слово399" in text[windows[-1].start : windows[-1].end]


def test_a_word_longer_than_max_chars_is_cut_hard():
    text = "Статья 1. Адрес\nСм. " + "x" * 500 + " конец."
    windows = split_act(text, max_chars=120, overlap_chars=20)
    assert all(w.end - w.start <= 120 for w in windows)
    assert text[windows[-1].start : windows[-1].end].endswith("конец.")


# --- points ----------------------------------------------------------------------------------


def test_numbered_parts_of_civil_code_are_points(civil_code):
    windows = by_article(split_act(civil_code, max_chars=500, overlap_chars=0), "2")
    assert [w.point for w in windows] == [None, "1", "1", "2", "3"]
    part_2 = civil_code.index("2. Неотчуждаемые права")
    part_3 = civil_code.index("3. К имущественным отношениям")
    assert (windows[3].start, windows[3].end) == (part_2, part_3 - 1)


@pytest.mark.parametrize("overlap", [0, 50, 100, 200])
def test_point_is_set_only_when_the_window_lies_within_one_part(civil_code, overlap):
    markers = ("1. Гражданское законодательство определяет", "2. Неотчуждаемые", "3. К имущественным")
    parts = [civil_code.index(marker) for marker in markers]
    article_end = civil_code.index("\n\nСтатья 3.")
    bounds = list(zip(["1", "2", "3"], parts, parts[1:] + [article_end]))
    for window in by_article(split_act(civil_code, max_chars=500, overlap_chars=overlap), "2"):
        inside = [number for number, start, end in bounds if start <= window.start and window.end <= end]
        assert window.point == (inside[0] if inside else None)


def test_whole_short_article_with_several_parts_has_no_point(civil_code):
    (article_5,) = by_article(split_act(civil_code), "5")
    assert article_5.point is None


def test_sub_point_numbers_and_numbered_list_items(civil_code):
    windows = by_article(split_act(civil_code, max_chars=200, overlap_chars=0), "1")
    (sub_point,) = [w for w in windows if w.point == "2.1"]
    assert civil_code[sub_point.start : sub_point.end].startswith("2.1. Изменения в настоящий Кодекс")
    list_windows = by_article(split_act(civil_code, max_chars=200, overlap_chars=40), "2")
    assert not any(w.point and ")" in w.point for w in list_windows)


def test_repealed_part_is_marked_within_a_live_article(civil_code):
    windows = by_article(split_act(civil_code, max_chars=100, overlap_chars=0), "5")
    repealed = [w for w in windows if w.repealed]
    assert [w.point for w in repealed] == ["2"]


# --- decrees without articles ----------------------------------------------------------------


def test_decree_points_are_units(decree):
    segments = split_act(decree)
    main = [s for s in segments if s.section is None]
    assert [s.point for s in main] == [None, "1", "2", "3", "4"]
    assert decree[main[0].start : main[0].end].endswith("ПОСТАНОВЛЯЕТ:")
    assert decree[main[0].start : main[0].end].startswith("ПОСТАНОВЛЕНИЕ СОВЕТА МИНИСТРОВ")
    point_2 = decree[main[2].start : main[2].end]
    assert point_2.startswith("2. Определить:") and "2.2. головной организацией" in point_2
    assert "д) обеспечивает охрану" in point_2
    assert all(s.article is None for s in segments)


def test_decree_repealed_point(decree):
    segments = split_act(decree)
    (point_3,) = [s for s in segments if s.point == "3" and s.section is None]
    assert point_3.repealed is True
    assert not any(s.repealed for s in segments if s is not point_3)


def test_long_decree_point_windows_take_the_narrowest_point(decree):
    windows = [s for s in split_act(decree, max_chars=400, overlap_chars=100) if s.section is None]
    sub_point = decree.index("2.2. головной организацией")
    next_point = decree.index("3. Утратил силу.")
    for window in windows:
        assert window.end - window.start <= 400
        if sub_point <= window.start and window.end <= next_point:
            assert window.point == "2.2"
    assert {"2", "2.2"} <= {w.point for w in windows}


def test_signature_and_appendix(decree):
    segments = split_act(decree)
    assert all("Головченко" not in decree[s.start : s.end] for s in segments)
    appendix = [s for s in segments if s.section is not None]
    assert appendix[0].section == "Приложение к постановлению Совета Министров Республики Беларусь 04.07.2022 № 443"
    assert appendix[0].point is None
    assert [s.point for s in appendix[1:]] == ["1", "2"]
    assert decree[appendix[-1].start : appendix[-1].end] == "2. Испытания опытных образцов."


# --- looks_like_legal_act --------------------------------------------------------------------


def test_acts_look_like_acts(labour_code, civil_code, decree):
    assert looks_like_legal_act(labour_code)
    assert looks_like_legal_act(civil_code)
    assert looks_like_legal_act(decree)


def test_news_mentioning_a_decree_is_not_an_act(news):
    assert not looks_like_legal_act(news)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ\nПОСТАНОВЛЕНИЕ\nот 16 сентября 2020 г. N 1479\n"
         "В соответствии со статьей 16 Правительство Российской Федерации постановляет:\nУтвердить Правила.", True),
        ("УКАЗ\nПРЕЗИДЕНТА РЕСПУБЛИКИ БЕЛАРУСЬ\n1 марта 2010 г. № 100\nО мерах\n1. Установить.\n2. Определить.", True),
        ("В целях развития П О С Т А Н О В Л Я Е Т:\n1. Утвердить.", True),
        ("Депутаты обсудили статью 80. Статья 80 Трудового кодекса вызвала споры.\nОбсуждение продолжится.", False),
        ("Список покупок:\n1. Хлеб.\n2. Молоко.", False),
    ],
)
def test_looks_like_legal_act_phrasings(text, expected):
    assert looks_like_legal_act(text) is expected


def test_rules_approved_by_a_decree_keep_roman_chapters_and_restart_points():
    text = read_fixture("ru_government_decree.txt")
    segments = split_act(text)
    assert_well_formed(text, segments)
    assert all("МИШУСТИН" not in text[s.start : s.end] for s in segments)
    decree_points = [s.point for s in segments if s.section is None]
    assert decree_points == [None, "1", "2"]
    rules = [s for s in segments if s.section is not None]
    assert {s.section for s in rules} == {
        "УТВЕРЖДЕНЫ постановлением Правительства Российской Федерации от 16 сентября 2020 г. N 1479"
    }
    assert [(s.chapter, s.point) for s in rules] == [
        (None, None),
        ("I. Общие положения", "1"),
        ("I. Общие положения", "2"),
        ("II. Требования к территориям", "3"),
    ]
    assert text[rules[0].start : rules[0].end].endswith("ПРОТИВОПОЖАРНОГО РЕЖИМА В РОССИЙСКОЙ ФЕДЕРАЦИИ")
