"""The audit packet: every field in every format, the missing-certificate mark, widths, HTML and PDF.

The `session` fixture (conftest) holds a CMA (AAMA), number 123456, earned 15 Mar 2022, with:
Coding update (certificate C-1, counted), Phlebotomy (no certificate, counted), Anatomy 101
(college, no certificate, partly counted), a CPR card (no certificate, not counted: the cap)
and Old course (before the cycle).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree
from datetime import date
from html import unescape

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader

from recert_tui.domain.counting import CountedActivity
from recert_tui.domain.cycle import Cycle
from recert_tui.domain.engine import Report, history
from recert_tui.domain.models import Activity, HeldCredential, Profile
from recert_tui.domain.pace import points_over_cycle
from recert_tui.exports import packet_html, packet_pdf
from recert_tui.exports.packet import ATTESTATION, build_packet
from recert_tui.exports.worksheet import WIDTH, render_worksheet, worksheet_bytes
from recert_tui.session import Session
from recert_tui.textsafe import columns
from tests.cli.conftest import make_recert

from ..domain.conftest import activity
from .conftest import RAW, TODAY

HOLDER = "Ana Díaz"


def text_of(session, fmt: str) -> str:
    """The worksheet in `fmt` as the text a reader sees, runs of white space made one space."""
    payload = worksheet_bytes(session.report, fmt, holder=session.holder_name)
    if fmt == "pdf":
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages)
    elif fmt == "html":
        text = unescape(re.sub(r"<[^>]+>", " ", payload.decode("utf-8")))
    else:
        text = payload.decode("utf-8")
    return " ".join(text.split())


@pytest.fixture
def named(session):
    session.set_setting("holder_name", HOLDER)
    return session


# --- every field -----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf"])
def test_every_field_is_in_every_format(named, fmt):
    text = text_of(named, fmt).replace("\\", "")  # Markdown's escapes aside
    for expected in (
        HOLDER,
        "123456",  # the certificate number
        "15 Mar 2022 to 31 Mar 2027",  # the cycle
        # each activity: date, title, provider, kind, points by area, approved, certificate
        "10 Jan 2023",
        "Coding update",
        "AAMA e-Learning",
        "10 administrative",
        "C-1",
        "2 May 2023",
        "Phlebotomy",
        "4 clinical, 6 general",
        "Anatomy 101",
        "College course, 3 credits",
        "30 clinical, 15 general",
        "CPR card",
        "Old course",
        "before this cycle began on 15 Mar 2022",  # why it does not count
        "Total points",
        "AAMA-approved minimum",
        "Fewest extra points to meet every rule",
        ATTESTATION,
        "Signature",
        "Date",
        "the pace line to 60 by 31 Mar 2027",
    ):
        assert expected in text, (fmt, expected)
    assert "MISSING" in text
    assert "2 of 3 counted activities have no certificate reference" in text


def test_a_credential_with_categories_shows_each_activitys(tmp_path):
    with Session.open(tmp_path / "recert.json", TODAY) as session:
        session.add_credential("rma-amt", "2024-02-10", "RMA-1")
        base = {"credential": "rma-amt", "date": "2025-01-10", "points": "2", "area": "clinical"}
        session.add_activity({**base, "title": "Wound care", "category": "professional-education"})
        session.add_activity({**base, "title": "Article", "category": "authorship"})
        text = render_worksheet(session.report, "txt")
        html = worksheet_bytes(session.report, "html").decode()
    assert "Category: Professional education" in entry(text, "Wound care")
    assert "Category: Authorship" in entry(text, "Article")
    assert "Category: Professional education" in html


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "pdf"])
def test_without_a_name_the_packet_says_how_to_set_it(session, fmt):
    assert "not recorded (set it with `recert profile --name`)" in text_of(session, fmt).replace("\\", "")


def entry(text: str, title: str) -> str:
    """The lines of one activity's entry in a Markdown or text worksheet: its title line and
    the indented lines under it."""
    lines = text.splitlines()
    start = next(index for index, line in enumerate(lines) if title in line)
    end = start + 1
    while end < len(lines) and lines[end].startswith(" " * 4) and lines[end].strip():
        end += 1
    return "\n".join(lines[start:end])


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_a_missing_certificate_is_marked_on_its_activity(named, fmt):
    text = render_worksheet(named.report, fmt, HOLDER)
    if fmt == "md":  # the entry's lines are indented by two in Markdown
        text = text.replace("\n  ", "\n    ")
    assert "Certificate: C-1" in entry(text, "Coding update") and "MISSING" not in entry(text, "Coding update")
    for title in ("Phlebotomy", "Anatomy 101", "CPR card"):
        shown = entry(text, title)
        assert ("**Certificate: MISSING**" if fmt == "md" else "Certificate: MISSING") in shown, shown


def test_a_missing_certificate_is_marked_in_html_and_pdf(named):
    html = worksheet_bytes(named.report, "html", HOLDER).decode()
    rows = re.findall(r"<tr>.*?</tr>", html)
    assert '<td class="missing">MISSING</td>' in next(row for row in rows if "Phlebotomy" in row)
    assert "MISSING" not in next(row for row in rows if "Coding update" in row)
    pdf = text_of(named, "pdf")
    phlebotomy = pdf[pdf.index("Phlebotomy") : pdf.index("Anatomy 101")]
    coding = pdf[pdf.index("Coding update") : pdf.index("Phlebotomy")]
    assert "Certificate: MISSING" in phlebotomy and "Certificate: C-1" in coding


# --- widths ----------------------------------------------------------------------------------------


def test_columns_counts_what_a_terminal_shows():
    assert columns("abc") == 3
    assert columns("東京") == 4  # wide: two columns each
    assert columns("e\u0301") == 1  # a combining accent takes none
    assert columns("Díaz") == 4


LONG_TITLES = (
    "Advanced infection control and sterile technique in the outpatient clinic " * 4,
    "x" * 250,  # one word wider than any line
    "東京医科大学の継続教育プログラム" * 8,  # wide characters: two columns each, no spaces
    "Ética profesional y confidencialidad del paciente — módulo avanzado " * 3,
    "Cafe\u0301 " * 60,
)


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_every_line_fits_100_columns_and_no_title_is_lost(named, fmt):
    for number, title in enumerate(LONG_TITLES):
        named.add_activity(
            {
                "credential": "cma-aama",
                "title": title,
                "date": f"2024-06-{number + 1:02d}",
                "points": "1",
                "area": "general",
                "provider": "東京大学 " * 6,
                "certificate": "CERT-" + "9" * 140,
            }
        )
    text = render_worksheet(named.report, fmt, "Ana María de los Ángeles Díaz " * 5)
    wide = [line for line in text.splitlines() if columns(line) > WIDTH]
    assert not wide, wide
    flat = "".join(text.replace("\\", "").split())
    for title in LONG_TITLES:
        assert "".join(unicodedata.normalize("NFC", title).split()) in unicodedata.normalize("NFC", flat)
    assert "9" * 140 in flat


def test_a_rule_name_too_long_for_a_markdown_table_becomes_a_list(tmp_path, isolated_user_dirs):
    rules = isolated_user_dirs / "rules"
    rules.mkdir(exist_ok=True)
    label = "approved by the American Association of Medical Assistants continuing education board"
    (rules / "cma-aama.toml").write_text(f'approved_label = "{label}"\n')
    with Session.open(tmp_path / "recert.json", TODAY) as session:
        session.add_credential("cma-aama", "2022-03-15", "123456")
        md = render_worksheet(session.report, "md")
        txt = render_worksheet(session.report, "txt")
    assert max(columns(line) for line in md.splitlines()) <= WIDTH
    assert max(columns(line) for line in txt.splitlines()) <= WIDTH
    assert "| Total points" not in md
    assert "- **Total points:** required 60; counted 0; still needed 60" in md
    assert f"{label} minimum" in " ".join(txt.split())


def test_markdown_keeps_wrapped_titles_as_text(named):
    """A title wrapped so that a line starts with `#`, `-`, `+`, `=` or `1.` stays in its list item."""
    risky = "- # 1. + == -- 2) #x"
    for shift in range(0, 24, 3):
        named.add_activity(
            {
                "credential": "cma-aama",
                "title": f"{'y' * shift} {risky * 6}",
                "date": "2024-07-01",
                "points": "1",
                "area": "general",
            }
        )
    md = render_worksheet(named.report, "md", HOLDER)
    tokens = MarkdownIt("commonmark").parse(md)
    kinds = [token.type for token in tokens]
    assert "hr" not in kinds and "ordered_list_open" not in kinds
    assert not [token for token in tokens if token.type == "bullet_list_open" and token.level > 0], "a nested list"
    headings = [token.tag for token in tokens if token.type == "heading_open"]
    assert headings == ["h1", "h2", "h3", "h3", "h3"]  # title; the credential; totals, counted, not counted
    rendered = " ".join(unescape(re.sub(r"<[^>]+>", " ", MarkdownIt("commonmark").render(md))).split())
    assert " ".join((risky * 6).split()) in rendered


def test_a_past_cycle_has_its_points_but_no_pace_for_today(catalog):
    held = HeldCredential("cma-aama", date(2017, 3, 15), "1", (date(2022, 3, 15),), {date(2022, 3, 15): "ce"})
    profile = Profile(credentials=(held,), activities=(activity("2019-05-01", clinical=12),))
    whole = history(profile, catalog.credentials, TODAY)
    first = Report(TODAY, tuple(report for report in whole.credentials if report.closed_on), ())
    [section] = build_packet(first).sections
    assert not section.current
    assert section.chart_caption.endswith("12 points counted in this cycle.")
    md = render_worksheet(first, "md")
    assert "Against the pace line" not in md and "23 Nov 2026;" not in md
    assert "12 points counted in this cycle." in worksheet_bytes(first, "html").decode()


def test_markdown_shows_an_entity_as_typed(named):
    named.add_activity(
        {
            "credential": "cma-aama",
            "title": "Fish &amp; chips &#60;b&#62;",
            "date": "2024-05-01",
            "points": "1",
            "area": "general",
        }
    )
    rendered = MarkdownIt("commonmark").render(render_worksheet(named.report, "md", HOLDER))
    assert "Fish &amp;amp; chips &amp;#60;b&amp;#62;" in rendered  # the text as typed, HTML-escaped once


# --- HTML ------------------------------------------------------------------------------------------


def test_html_escapes_everything_and_loads_nothing(session):
    session.set_setting("holder_name", "<i>Ana</i> & co")
    session.add_activity(
        {
            "credential": "cma-aama",
            "title": "<script>alert(1)</script>",
            "date": "2024-05-01",
            "points": "1",
            "area": "general",
            "provider": '<img src=x onerror="alert(2)">',
            "certificate": "\x1b[31mred\u202e",
        }
    )
    html = worksheet_bytes(session.report, "html", session.holder_name).decode("utf-8")
    assert "<script" not in html.lower() and "<img" not in html and "<i>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html
    assert "&lt;i&gt;Ana&lt;/i&gt; &amp; co" in html
    assert "\\x1b[31mred\\u202e" in html and not RAW.search(html.replace("\n", ""))
    # One self-contained file: nothing fetched from anywhere.
    tags = re.findall(r"<[^>]*>", html)  # escaped text has no `<` left to start a tag
    assert not [tag for tag in tags if re.search(r"\b(src|href)\s*=|<link|<iframe|<object", tag, re.IGNORECASE)]
    assert not re.search(r"url\(|@import|https?:", html, re.IGNORECASE)


def test_html_prints_on_a4_and_letter(session):
    html = worksheet_bytes(session.report, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert "@page { margin: 15mm 14mm; }" in html  # margins only: the printer's paper decides the size
    assert "@media print" in html and "thead { display: table-header-group; }" in html
    assert not re.search(r"\b\d{3,}px", html)  # no fixed width wider than a page
    assert html.count("<svg") == 1 and "<polyline" in html


def test_the_svg_chart_draws_the_points_and_the_pace_line():
    cycle = Cycle(date(2025, 1, 1), date(2025, 1, 11), date(2025, 1, 31), date(2025, 1, 1), date(2025, 1, 31))
    done = Activity("cma-aama", "t", date(2025, 1, 6), {"general": 5.0})
    points = points_over_cycle(
        [CountedActivity(done, {"general": 5.0}, True, "counted", "")], cycle, 10, date(2025, 1, 6)
    )
    svg = ElementTree.fromstring(packet_html.chart_svg(points))
    earned, pace = (
        [tuple(float(n) for n in pair.split(",")) for pair in line.get("points").split()]
        for line in svg.iter("polyline")
    )
    left, right, top, bottom = packet_html.LEFT, packet_html.RIGHT, packet_html.TOP, packet_html.BOTTOM
    # The pace line: 0 at the start, the whole 10 on the deadline, the chart's last day.
    assert pace[0] == (left, bottom) and pace[1] == (right, top)
    # The points: flat at 0, up to 5 (half way) on 6 Jan, which is half way along and today.
    middle = round((left + right) / 2, 1)
    assert earned == [(left, bottom), (middle, bottom), (middle, (top + bottom) / 2), (middle, (top + bottom) / 2)]
    assert "today" in [text.text for text in svg.iter("text")]


# --- PDF -------------------------------------------------------------------------------------------


def pdf_text(payload: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(payload)).pages).split())


def test_pdf_reads_back_with_the_name_a_title_the_totals_and_the_signature_line(named):
    payload = worksheet_bytes(named.report, "pdf", HOLDER)
    assert payload.startswith(b"%PDF-")
    text = pdf_text(payload)
    counted = named.report.credential("cma-aama").tally.counted
    assert HOLDER in text and "Coding update" in text
    assert re.search(rf"Total points 60 {counted:g} {60 - counted:g}", text), text
    assert ATTESTATION in text and "Signature Date" in text and f"Name: {HOLDER}" in text
    reader = PdfReader(io.BytesIO(payload))
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == (612, 792)  # Letter
    assert reader.metadata.title == "Recertification worksheet, as of 23 Nov 2026"


def test_pdf_is_the_same_bytes_for_the_same_records(named):
    assert worksheet_bytes(named.report, "pdf", HOLDER) == worksheet_bytes(named.report, "pdf", HOLDER)


def test_pdf_prints_other_scripts_and_writes_the_code_of_a_character_the_font_lacks(session):
    session.add_activity(
        {
            "credential": "cma-aama",
            "title": "Этика и право 東京",
            "date": "2024-05-01",
            "points": "1",
            "area": "general",
        }
    )
    text = pdf_text(worksheet_bytes(session.report, "pdf", "Анна Díaz"))
    assert "Анна Díaz" in text and "Этика и право" in text  # DejaVu Sans has Cyrillic
    assert "\\u6771\\u4eac" in text  # it has no CJK: the codes, not blank boxes


def test_pdf_without_the_font_files_falls_back_to_latin_1(session, tmp_path, monkeypatch):
    monkeypatch.setattr(packet_pdf, "shipped_data_dir", lambda: str(tmp_path))  # no fonts/ there
    session.add_activity(
        {"credential": "cma-aama", "title": "Этика", "date": "2024-05-01", "points": "1", "area": "general"}
    )
    text = pdf_text(worksheet_bytes(session.report, "pdf", HOLDER))
    assert HOLDER in text and "\\u042d\\u0442\\u0438\\u043a\\u0430" in text


def test_printable_makes_controls_visible_and_codes_what_the_font_lacks():
    latin = frozenset(range(0x20, 0x100))
    assert packet_pdf.printable("a\x1bb", latin) == "a\\x1bb"
    assert packet_pdf.printable("é東😀", latin) == "é\\u6771\\U0001f600"


# --- the way in: formats and start-up ---------------------------------------------------------------


def test_worksheet_bytes_in_each_format(named):
    report = named.report
    assert worksheet_bytes(report, "md", HOLDER) == render_worksheet(report, "md", HOLDER).encode()
    assert worksheet_bytes(report, "txt", HOLDER) == render_worksheet(report, "txt", HOLDER).encode()
    assert worksheet_bytes(report, "html", HOLDER).startswith(b"<!DOCTYPE html>")
    with pytest.raises(ValueError, match="'docx' is not one of md, txt, html, pdf"):
        worksheet_bytes(report, "docx")
    with pytest.raises(ValueError, match="'pdf' is not one of md, txt"):
        render_worksheet(report, "pdf")


def test_the_pdf_library_is_imported_only_for_a_pdf():
    code = "import sys, recert_tui.cli.export_commands; assert 'fpdf' not in sys.modules; print('clean')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "clean", result.stderr


def test_the_command_writes_a_pdf_and_html(tmp_path):
    recert = make_recert(tmp_path)
    recert.ok("credential", "add", "cma-aama", "--earned", "2022-03-15", "--number", "123456")
    target = tmp_path / "packet.pdf"
    recert.ok("export", "worksheet", "--format", "pdf", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF-") and "123456" in pdf_text(target.read_bytes())
    html = recert.ok("export", "worksheet", "--format", "html")  # to a pipe
    assert html.startswith("<!DOCTYPE html>") and "123456" in html


def test_the_missing_certificate_sentence_agrees_with_its_numbers():
    """`1 of 2 ... has`, `2 of 3 ... have`, `1 of 1 counted activity has`."""
    from types import SimpleNamespace

    from recert_tui.exports.packet import Section

    def sentence(missing: int, count: int) -> str:
        counts = SimpleNamespace(missing_certificates=missing, counted=tuple(range(count)))
        return Section.certificate_sentence.fget(counts)  # type: ignore[attr-defined]

    assert sentence(1, 2).startswith("1 of 2 counted activities has no certificate reference")
    assert sentence(2, 3).startswith("2 of 3 counted activities have no certificate reference")
    assert sentence(1, 1).startswith("1 of 1 counted activity has no certificate reference")
    assert sentence(0, 2) == "Every counted activity has a certificate reference (2 of 2)."


@pytest.mark.parametrize(
    ("today", "said"),
    [
        (date(2027, 3, 29), "2 days left"),
        (date(2027, 3, 30), "1 day left"),  # the day before
        (date(2027, 3, 31), "expires today"),  # the day of
        (date(2027, 4, 1), "expired 1 day ago"),  # the day after
        (date(2027, 4, 3), "expired 3 days ago"),
    ],
)
def test_the_status_counts_days_in_words_around_the_expiry(today, said):
    from recert_tui.exports.packet import _expiry_words

    assert _expiry_words(date(2027, 3, 31), today) == said


def test_only_a_missing_certificate_is_marked_not_a_value_that_reads_missing(session):
    session.add_activity(
        {
            "credential": "cma-aama",
            "title": "Provider named as the mark",
            "date": "2025-05-05",
            "points": "1",
            "area": "clinical",
            "provider": "MISSING",
            "certificate": "C-77",
        }
    )
    markdown = worksheet_bytes(session.report, "md").decode("utf-8")
    assert "Provider: MISSING ·" in markdown and "**Provider: MISSING**" not in markdown
    assert "Certificate: C-77" in markdown and "**Certificate: C-77**" not in markdown
    assert "**Certificate: MISSING**" in markdown  # the activities without one are still marked
