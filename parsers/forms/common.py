"""Fields every form shares: the identifiers of FORMS.md §3.1, and a short way to write fields."""

from __future__ import annotations

from parsers.fields import Field, Kind, Need


def field(key: str, *labels: str, **options: object) -> Field:
    return Field(key, labels, **options)  # type: ignore[arg-type]


def identifier_fields(
    other_labels: tuple[str, ...], sections: tuple[str, ...] = ()
) -> tuple[Field, ...]:
    """The eight `ids.*` keys, each with the labels FORMS.md §3.1 accepts."""
    return (
        field(
            "ids.pnc",
            "PNC number (if known):",
            "PNC number",
            "PNC ID",
            "PNC No",
            "PNC",
            kind=Kind.PNC,
            title="PNC number",
        ),
        field("ids.cro", "CRO number", "CRO No", "CRO", kind=Kind.CRO),
        field(
            "ids.crn",
            "nDelius reference number",
            "CRAMS/Delius reference number",
            "Delius reference number",
            "CRN",
            "Case reference number",
            "nDelius",
            "Delius",
            kind=Kind.CRN,
            title="nDelius case reference number",
        ),
        field(
            "ids.prison_number",
            "Prison number (if known):",
            "Prison number",
            "Prison no",
            "Prisoner number",
            "NOMS/NOMIS number",
            "NOMIS number",
            "NOMS number",
            "NOMIS",
            kind=Kind.PRISON_NUMBER,
            title="Prison number",
        ),
        field(
            "ids.nino",
            "NI number:",
            "National Insurance number",
            "NI No",
            "NINO",
            "NI",
            kind=Kind.NINO,
            title="NI number",
        ),
        field(
            "ids.visor_ref",
            "ViSOR reference",
            "ViSOR ref",
            "ViSOR no",
            "ViSOR number",
            "ViSOR ID",
            "ViSOR",
        ),
        field(
            "ids.contact_index", "Contact index number (under 16s only):", "Contact index number"
        ),
        field(
            "ids.other", *other_labels, kind=Kind.SHARED_IDS, need=Need.OPTIONAL, sections=sections
        ),
    )


YES_NO = Kind.YES_NO
DATE = Kind.DATE
REQUIRED = Need.REQUIRED
EXPECTED = Need.EXPECTED
