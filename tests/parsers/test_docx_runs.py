"""The Word reader's runs: tracked changes, formatting, fields, controls, symbols, pictures."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX

from parsers.document import PICTURE, TICKED, UNTICKED, Document, Paragraph, Run
from parsers.docx_reader import read_docx
from tests.support.docx_builder import (
    append_body,
    checkbox_control,
    control,
    docx_bytes,
    field,
    first_line,
    first_runs,
    legacy_checkbox,
    legacy_dropdown,
    legacy_text,
    p,
    paragraph_texts,
    png_bytes,
    r,
    read_body,
)

TRACKED = 'w:id="{}" w:author="Referrer" w:date="2024-02-03T10:00:00Z"'


# Tracked changes, formatting, hidden text, comments


def test_tracked_deletion_is_a_deleted_run_and_insertion_is_text() -> None:
    document = read_body(
        p(
            r("Yes/"),
            f"<w:del {TRACKED.format(1)}><w:r><w:delText>No</w:delText></w:r></w:del>",
            f"<w:ins {TRACKED.format(2)}>{r(' – agreed')}</w:ins>",
            f"<w:moveFrom {TRACKED.format(3)}>{r(' old place')}</w:moveFrom>",
            f"<w:moveTo {TRACKED.format(4)}>{r(' new place')}</w:moveTo>",
        )
    )
    line = first_line(document)
    assert [(run.text, run.deleted) for run in line.runs] == [
        ("Yes/", False),
        ("No", True),
        (" – agreed", False),
        (" old place", True),
        (" new place", False),
    ]
    assert line.text == "Yes/ – agreed new place"


@pytest.mark.parametrize(
    ("rpr", "struck", "marks"),
    [
        ("<w:strike/>", True, set()),
        ('<w:strike w:val="true"/>', True, set()),
        ('<w:strike w:val="0"/>', False, set()),
        ("<w:dstrike/>", True, set()),
        ('<w:highlight w:val="yellow"/>', False, {"highlight"}),
        ('<w:highlight w:val="none"/>', False, set()),
        ('<w:shd w:val="clear" w:color="auto" w:fill="FFFF00"/>', False, {"shading"}),
        ('<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/>', False, set()),
        ("<w:b/>", False, {"bold"}),
        ('<w:b w:val="off"/>', False, set()),
        ('<w:u w:val="single"/>', False, {"underline"}),
        ('<w:u w:val="none"/>', False, set()),
        ('<w:color w:val="FF0000"/>', False, {"colour"}),
        ('<w:color w:val="000000"/>', False, set()),
        ("<w:caps/>", False, set()),
    ],
)
def test_run_formatting_gives_strike_and_marks(rpr: str, struck: bool, marks: set[str]) -> None:
    line = first_line(read_body(p(r("Yes"), r("/"), r("No", rpr))))
    if struck or marks:
        assert line.runs == (Run("Yes/"), Run("No", struck=struck, marks=frozenset(marks)))
    else:  # runs formatted alike are one run
        assert line.runs == (Run("Yes/No"),)


def test_formatting_from_styles_is_resolved_and_direct_formatting_overrides_it() -> None:
    def build(document: WordDocument) -> None:
        picked = document.styles.add_style("Picked", WD_STYLE_TYPE.CHARACTER)
        picked.font.bold = True
        crossed = document.styles.add_style("Crossed", WD_STYLE_TYPE.PARAGRAPH)
        crossed.font.strike = True
        line = document.add_paragraph("Yes", style="Crossed")
        line.add_run("/")
        line.add_run("No", style="Picked")
        line.add_run(" maybe", style="Picked").bold = False

    line = first_line(read_docx(docx_bytes(build)))
    assert [(run.text, run.struck, run.marks) for run in line.runs] == [
        ("Yes/", True, frozenset()),
        ("No", True, frozenset({"bold"})),
        (" maybe", True, frozenset()),
    ]


def test_python_docx_formatting_is_read_per_run() -> None:
    def build(document: WordDocument) -> None:
        line = document.add_paragraph()
        line.add_run("Community").font.highlight_color = WD_COLOR_INDEX.YELLOW
        line.add_run("/")
        line.add_run("Hospital").font.double_strike = True
        line.add_run(" ")
        line.add_run("noted").underline = True

    line = first_line(read_docx(docx_bytes(build)))
    assert [(run.text, run.struck, set(run.marks)) for run in line.runs] == [
        ("Community", False, {"highlight"}),
        ("/", False, set()),
        ("Hospital", True, set()),
        (" ", False, set()),
        ("noted", False, {"underline"}),
    ]


def test_hidden_text_is_removed() -> None:
    def build(document: WordDocument) -> None:
        secret = document.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER)
        secret.font.hidden = True
        line = document.add_paragraph("Smith")
        line.add_run(" (hidden note)").font.hidden = True
        line.add_run(" (styled hidden)", style="Secret")
        append_body(document, p(r("Jones"), r(" (special)", "<w:specVanish/>")))

    document = read_docx(docx_bytes(build))
    assert paragraph_texts(document) == [("paragraph 1", "Smith"), ("paragraph 2", "Jones")]


def test_comments_never_appear() -> None:
    def build(document: WordDocument) -> None:
        line = document.add_paragraph("Smith")
        document.add_comment(line.runs, text="Check this name with police", author="SPOC")

    document = read_docx(docx_bytes(build))
    assert paragraph_texts(document) == [("paragraph 1", "Smith")]
    assert "police" not in document.all_text()


def test_tabs_breaks_and_hyphens_are_characters() -> None:
    line = first_line(
        read_body(
            p(
                r(
                    inner="<w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t><w:cr/>"
                    "<w:t>D</w:t><w:noBreakHyphen/><w:t>E</w:t><w:softHyphen/>"
                )
            )
        )
    )
    assert line.text == "A\tB\nC\nD-E"


# Fields, form fields, content controls, symbols, pictures


def test_field_code_never_appears_and_its_result_does() -> None:
    document = read_body(
        p(r("Date: "), field('DATE \\@ "dd/MM/yyyy"', r("03/02/2024"))),
        p('<w:fldSimple w:instr=" MERGEFIELD Surname "><w:r><w:t>Smith</w:t></w:r></w:fldSimple>'),
        p(r("Page "), field("PAGE")),
    )
    assert paragraph_texts(document) == [
        ("paragraph 1", "Date: 03/02/2024"),
        ("paragraph 2", "Smith"),
        ("paragraph 3", "Page "),
    ]


def test_field_left_unfinished_does_not_hide_the_rest_of_the_document() -> None:
    unfinished = r(inner='<w:fldChar w:fldCharType="begin"/><w:instrText> DATE </w:instrText>')
    document = read_body(p(r("Date: "), unfinished), p(r("Family name: Smith")))
    assert paragraph_texts(document) == [
        ("paragraph 1", "Date: "),
        ("paragraph 2", "Family name: Smith"),
    ]


def test_macro_button_shows_its_display_text_not_its_name() -> None:
    wingdings_box = r(inner='<w:sym w:font="Wingdings" w:char="F0FE"/>')
    button = (
        r(inner='<w:fldChar w:fldCharType="begin"/>')
        + r(inner='<w:instrText xml:space="preserve"> MACROBUTTON CheckIt </w:instrText>')
        + wingdings_box
        + r(inner='<w:fldChar w:fldCharType="end"/>')
    )
    document = read_body(
        p(button, r(" Yes")),
        p(r("Name: "), field("MACROBUTTON NoMacro [Click here and type name]")),
    )
    assert paragraph_texts(document) == [
        ("paragraph 1", f"{TICKED} Yes"),
        ("paragraph 2", "Name: [Click here and type name] "),
    ]


@pytest.mark.parametrize(
    ("box", "tick"),
    [
        (legacy_checkbox("Check1", checked=""), TICKED),
        (legacy_checkbox("Check1", checked="1"), TICKED),
        (legacy_checkbox("Check1", checked="0", default="1"), UNTICKED),
        (legacy_checkbox("Check1", checked=None, default="1"), TICKED),
        (legacy_checkbox("Check1", checked=None, default="0"), UNTICKED),
    ],
)
def test_legacy_check_box_is_a_tick_with_its_field_name(box: str, tick: str) -> None:
    document = read_body(p(r("Yes "), box))
    assert first_runs(document) == [("Yes ", None), (tick, "form field 'Check1'")]
    assert "FORMCHECKBOX" not in document.all_text()


def test_legacy_text_field_is_its_result_with_its_name() -> None:
    document = read_body(
        p(r("Surname: "), legacy_text("Surname", r("Smi"), r("th", "<w:b/>"))),
        p(legacy_text(None, r("     "))),
    )
    line = first_line(document)
    assert line.text == "Surname: Smith"
    assert line.runs == (
        Run("Surname: "),
        Run("Smi", source="form field 'Surname'"),
        Run("th", marks=frozenset({"bold"}), source="form field 'Surname'"),
    )
    assert first_runs(Document(document.blocks[1:])) == [("     ", "form field 2")]
    assert "FORMTEXT" not in document.all_text()


def test_legacy_drop_down_is_its_chosen_entry() -> None:
    document = read_body(
        p(legacy_dropdown("Level", ["Level 1", "Level 2", "Level 3"], 1)),
        p(legacy_dropdown("Category", ["Category 1", "Category 2"], None)),
    )
    assert [(b.line.text, b.line.source) for b in document.blocks if isinstance(b, Paragraph)] == [
        ("Level 2", "form field 'Level'"),
        ("Category 1", "form field 'Category'"),
    ]


@pytest.mark.parametrize(("checked", "tick"), [(True, TICKED), (False, UNTICKED)])
def test_content_control_check_box_is_one_tick_with_its_tag(checked: bool, tick: str) -> None:
    document = read_body(p(r("Consent given "), checkbox_control("Consent", checked)))
    assert first_runs(document) == [("Consent given ", None), (tick, "content control 'Consent'")]


def test_text_content_controls_carry_their_tag_alias_or_number() -> None:
    document = read_body(
        p(r("Name: "), control(r("Smith"), tag="surname", alias="Surname")),
        p(control(r("Exeter"), alias="Town")),
        p(control(r("Devon"))),
    )
    assert [b.line.runs[-1].source for b in document.blocks if isinstance(b, Paragraph)] == [
        "content control 'surname'",
        "content control 'Town'",
        "content control 3",
    ]
    assert first_runs(document) == [("Name: ", None), ("Smith", "content control 'surname'")]


@pytest.mark.parametrize(
    ("font", "code", "text"),
    [
        ("Wingdings", "F0FE", TICKED),
        ("Wingdings", "F0FD", TICKED),
        ("Wingdings", "F078", TICKED),
        ("Wingdings", "00FE", TICKED),
        ("Wingdings", "F0A8", UNTICKED),
        ("Wingdings", "F06F", UNTICKED),
        ("Wingdings 2", "F053", TICKED),
        ("Wingdings 2", "F054", TICKED),
        ("Wingdings 2", "F052", TICKED),
        ("Wingdings 2", "F0A3", UNTICKED),
        ("MS Gothic", "2612", TICKED),
        ("MS Gothic", "2610", UNTICKED),
        ("Segoe UI Symbol", "2611", TICKED),
        ("Wingdings", "F0FC", "✓"),
        ("Symbol", "F0B7", "•"),
        ("Webdings", "F063", ""),
    ],
)
def test_symbol_check_boxes_become_ticks(font: str, code: str, text: str) -> None:
    sym = f'<w:sym w:font="{font}" w:char="{code}"/>'
    line = first_line(read_body(p(r("Yes "), r(inner=sym))))
    assert line.text == f"Yes {text}"


def test_text_typed_in_a_symbol_font_is_read_as_its_glyphs() -> None:
    wingdings = '<w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings"/>'
    line = first_line(read_body(p(r("þ", wingdings), r(" Yes "), r("¨", wingdings), r(" No"))))
    assert line.text == f"{TICKED} Yes {UNTICKED} No"


def test_picture_is_a_picture_run() -> None:
    def build(document: WordDocument) -> None:
        line = document.add_paragraph("Signature: ")
        line.add_run().add_picture(BytesIO(png_bytes()))
        append_body(
            document, p(r(inner='<w:pict><v:shape><v:imagedata r:id="rId99"/></v:shape></w:pict>'))
        )

    document = read_docx(docx_bytes(build))
    assert paragraph_texts(document) == [
        ("paragraph 1", f"Signature: {PICTURE}"),
        ("paragraph 2", PICTURE),
    ]
    assert document.signature_images == 0
