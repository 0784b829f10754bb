"""The submission page: the document beside its fields, the SPOC's actions on it, downloads,
and who may open it at all."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from sqlalchemy import select

from intake.queries import raw_message
from intake.schema import Attachment, Message, Stage, Submission
from tests.support.mail import email_bytes
from tests.support.pdf_builder import text_pdf
from tests.web.conftest import AREA, csrf_token, receive, sign_in
from tests.web.triage_fixtures import (
    audit_events,
    outbox,
    received,
    set_columns,
    submission,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def spoc(client, make_account):
    account = make_account("spoc")
    sign_in(client, account)
    return account


def post(client, path: str, **data: str):
    return client.post(path, data={"csrf_token": csrf_token(client, path), **data})


def text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def test_the_page_shows_each_field_with_where_it_was_found_and_its_issues(
    client, service, make_account
):
    (pk,) = received(service, "mappa_a")
    account = spoc(client, make_account)
    item = submission(service, pk)
    response = client.get(f"/submissions/{pk}")
    assert response.status_code == 200
    page = text(response)
    assert item.subject_name in page
    assert f'data-url="/submissions/{pk}/document.pdf"' in page
    family = page.split('data-key="offender.family_name"')[1].split("</tr>")[0]
    assert item.record["offender"]["family_name"] in family
    assert item.provenance["offender.family_name"] in family
    issue = item.issues[0]
    row = page.split(f'data-key="{issue["field"]}"')[1].split("</tr>")[0]
    assert issue["message"] in row and issue["severity"] in row
    assert item.proposed_route["reason"] in page
    assert "MAPPA A decision" in page and item.due.strftime("%d/%m/%Y") in page
    assert "Referral mappa_a 1" in page  # the e-mail's subject
    assert "Accept and route" in page and "Return to referrer" in page
    (event,) = audit_events(service, "view")
    assert (event.actor, event.submission_pk) == (account.email, pk)
    client.get(f"/submissions/{pk}")
    assert len(audit_events(service, "view")) == 2


def test_downloads_are_the_stored_bytes_and_are_audited(client, service, make_account):
    (pk,) = received(service, "form_g")
    spoc(client, make_account)
    item = submission(service, pk)
    with service.sessions() as session:
        raw = raw_message(session, item.message_pk)
        attachment = session.get(Attachment, item.attachment_pk)
        content, safe_name = attachment.content, attachment.safe_name
    eml = client.get(f"/submissions/{pk}/message.eml")
    assert eml.status_code == 200 and eml.data == raw
    assert eml.mimetype == "message/rfc822"
    assert f"message-{item.message_pk}.eml" in eml.headers["Content-Disposition"]
    assert eml.headers["Content-Disposition"].startswith("attachment")
    document = client.get(f"/submissions/{pk}/attachments/{item.attachment_pk}")
    assert document.status_code == 200 and document.data == content
    assert document.mimetype == DOCX
    assert document.headers["Content-Disposition"].startswith("attachment")
    assert safe_name in document.headers["Content-Disposition"]
    assert [e.detail["part"] for e in audit_events(service, "download")] == [
        "message",
        "attachment",
    ]
    assert client.get(f"/submissions/{pk}/attachments/999999").status_code == 404


def test_an_attachment_that_is_not_a_document_downloads_as_bytes(client, service, make_account):
    page = b"<html><script>alert(1)</script></html>"
    receive(service, email_bytes(attachments=[("note.html", page, "text/html")]))
    spoc(client, make_account)
    with service.sessions() as session:
        attachment_pk = session.scalar(select(Attachment.id))
        pk = session.scalar(select(Submission.id))
    response = client.get(f"/submissions/{pk}/attachments/{attachment_pk}")
    assert response.data == page
    assert response.mimetype == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_a_pdf_attachment_is_shown_as_it_came(client, service, make_account):
    pdf = text_pdf(["MAPPA A referral", "Name: A Person"])
    receive(service, email_bytes(attachments=[("referral.pdf", pdf, "application/pdf")]))
    spoc(client, make_account)
    with service.sessions() as session:
        pk = session.scalar(select(Submission.id))
    response = client.get(f"/submissions/{pk}/document.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data == pdf
    assert response.headers["Content-Disposition"].startswith("inline")
    page = text(client.get(f"/submissions/{pk}"))
    assert "preview.mjs" in page and "document-viewer" in page


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.skipif(not Path("/usr/bin/soffice").exists(), reason="LibreOffice is not installed")
def test_a_word_document_is_converted_to_pdf_once(client, service, make_account):
    (pk,) = received(service, "pdp")
    spoc(client, make_account)
    first = client.get(f"/submissions/{pk}/document.pdf")
    assert first.status_code == 200 and first.data.startswith(b"%PDF-")
    cached = list((Path(service.settings.data_dir) / "previews").glob("*.pdf"))
    assert len(cached) == 1
    assert client.get(f"/submissions/{pk}/document.pdf").data == first.data


def test_a_document_that_cannot_be_converted_gives_a_message(client, service, make_account):
    (pk,) = received(service, "pdp")
    spoc(client, make_account)
    service.documents.converter.soffice = "/nonexistent/soffice"
    response = client.get(f"/submissions/{pk}/document.pdf")
    assert response.status_code == 422
    assert "LibreOffice is not installed" in response.get_data(as_text=True)
    assert client.get(f"/submissions/{pk}").status_code == 200


def test_others_cannot_open_a_submission_outside_their_scope(client, service, make_account):
    (pk,) = received(service, "form_g")
    paths = [f"/submissions/{pk}", f"/submissions/{pk}/message.eml", f"/submissions/{pk}/route"]
    sign_in(client, make_account("spoc", email="spoc@other.test", mailbox="imap://other.test/"))
    for path in paths:
        assert client.get(path).status_code == 404, path
    admin = client.application.test_client()
    sign_in(admin, make_account("administrator", area=AREA))
    assert admin.get(paths[0]).status_code == 404  # not routed yet
    set_columns(service, pk, stage=Stage.ROUTED, route_area=AREA)
    assert admin.get(paths[0]).status_code == 200
    assert admin.get(paths[2]).status_code == 403  # actions are the SPOC's
    auditor = client.application.test_client()
    sign_in(auditor, make_account("auditor"))
    page = text(auditor.get(paths[0]))
    assert "Accept and route" not in page and "Change" not in page
    sysadmin = client.application.test_client()
    sign_in(sysadmin, make_account("sysadmin"))
    assert sysadmin.get(paths[0]).status_code == 403


def test_a_corrected_field_is_audited_old_to_new_with_the_reason(client, service, make_account):
    (pk,) = received(service, "form_g")
    spoc(client, make_account)
    old = submission(service, pk).record["offender"]["family_name"]
    path = f"/submissions/{pk}/edit?key=ids.pnc"  # the Change link of another field
    refused = post(client, path, key="offender.family_name", value="Kernow-Smith", reason="")
    assert refused.status_code == 400
    page = text(refused)
    assert "Enter the reason for the change" in page and "Kernow-Smith" in page
    assert "govuk-error-summary" in page
    done = post(
        client, path, key="offender.family_name", value="Kernow-Smith", reason="Phoned referrer"
    )
    assert done.status_code == 302
    item = submission(service, pk)
    assert item.record["offender"]["family_name"] == "Kernow-Smith"
    assert "Kernow-Smith" in item.subject_name and "kernow-smith" in item.search_text
    (event,) = audit_events(service, "edit_field")
    assert event.detail == {
        "field": "offender.family_name",
        "old": old,
        "new": "Kernow-Smith",
        "reason": "Phoned referrer",
    }
    bad_date = post(client, path, key="offender.dob", value="31/02/1990", reason="typo")
    assert bad_date.status_code == 400 and "Enter a real date" in text(bad_date)
    good_date = post(client, path, key="offender.dob", value="01/02/1990", reason="typo")
    assert good_date.status_code == 302
    assert submission(service, pk).record["offender"]["dob"] == "1990-02-01"


def test_accept_and_route_writes_the_route_and_the_administrators_notice(
    client, service, make_account
):
    (pk,) = received(service, "form_g")
    account = spoc(client, make_account)
    item = submission(service, pk)
    proposed = item.proposed_route
    page = text(client.get(f"/submissions/{pk}/route"))
    assert proposed["reason"] in page
    response = post(
        client, f"/submissions/{pk}/route", area=proposed["area"], locality=proposed["locality"]
    )
    assert response.status_code == 302
    routed = submission(service, pk)
    assert routed.stage == Stage.ROUTED and routed.routed_at is not None
    assert (routed.route_area, routed.route_locality) == (proposed["area"], proposed["locality"])
    assert routed.routed_to == proposed["recipients"]
    assert routed.due == item.due
    (notice,) = [row for row in outbox(service) if row.kind == "routed_notice"]
    assert notice.recipients == proposed["recipients"] and notice.submission_pk == pk
    assert f"/submissions/{pk}" in notice.text_body
    (event,) = audit_events(service, "route")
    assert event.actor == account.email and event.detail["recipients"] == proposed["recipients"]
    again = post(client, f"/submissions/{pk}/route", area=proposed["area"])
    assert again.status_code == 400 and "already routed" in text(again)


def test_a_different_route_needs_a_reason(client, service, make_account):
    (pk,) = received(service, "form_g")
    spoc(client, make_account)
    path = f"/submissions/{pk}/route"
    proposed = submission(service, pk).proposed_route
    other = "North Devon" if proposed["locality"] != "North Devon" else "Plymouth"
    refused = post(client, path, area=AREA, locality=other, reason="")
    assert refused.status_code == 400
    assert "Enter the reason for routing it differently" in text(refused)
    assert submission(service, pk).stage == Stage.TRIAGE
    done = post(client, path, area=AREA, locality=other, reason="Moved last week")
    assert done.status_code == 302
    routed = submission(service, pk)
    assert routed.route_locality == other
    assert routed.routed_to == [service.deployment.areas[AREA].localities[other].administrator]
    assert audit_events(service, "route")[0].detail["reason"] == "Moved last week"


def test_return_to_referrer_replies_to_the_original_e_mail(client, service, make_account):
    (pk,) = received(service, "mappa_a")
    spoc(client, make_account)
    item = submission(service, pk)
    path = f"/submissions/{pk}/return"
    form = text(client.get(path))
    assert "our reference" in form and "Re: Referral mappa_a 1" in form
    assert "not on the secure list" in form  # the default sender's domain is not
    empty = post(client, path, subject="Re: your referral", body="")
    assert empty.status_code == 400 and "Enter the message" in text(empty)
    done = post(client, path, subject="Re: your referral", body="Please add the PNC.")
    assert done.status_code == 302
    returned = submission(service, pk)
    assert returned.stage == Stage.RETURNED and returned.closed_at is not None
    (row,) = [r for r in outbox(service) if r.kind == "return_to_referrer"]
    with service.sessions() as session:
        message = session.get(Message, item.message_pk)
        sender, message_id = message.sender, message.message_id
    assert row.recipients == [sender]
    assert row.in_reply_to == message_id and row.in_reply_to.startswith("<")
    assert len(audit_events(service, "return_to_referrer")) == 1


def test_marking_a_duplicate_checks_the_earlier_submission(client, service, make_account):
    earlier, later = received(service, "form_g", "form_g")
    spoc(client, make_account)
    path = f"/submissions/{later}/duplicate"
    assert "was not received before" in text(
        post(client, f"/submissions/{earlier}/duplicate", earlier=str(later), kind="duplicate")
    )
    assert "cannot be a duplicate of itself" in text(
        post(client, path, earlier=str(later), kind="duplicate")
    )
    assert "no submission 99999" in text(post(client, path, earlier="99999", kind="update"))
    assert "Choose whether" in text(post(client, path, earlier=str(earlier)))
    done = post(client, path, earlier=str(earlier), kind="update")
    assert done.status_code == 302
    item = submission(service, later)
    assert item.stage == Stage.DUPLICATE and item.duplicate_of_pk == earlier
    assert item.duplicate_kind == "update" and item.closed_at is not None
    page = text(client.get(f"/submissions/{earlier}"))
    assert f"Submission {later}</a> is an update to this one" in page
    (event,) = audit_events(service, "mark_duplicate")
    assert event.detail["duplicate_of"] == earlier and event.detail["kind"] == "update"
