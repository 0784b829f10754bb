"""A small deployment written out in the tests, so that routing rules are read beside their data."""

from __future__ import annotations

import pytest

from routing.calendar import WorkingCalendar, england_and_wales
from routing.config import Deployment
from routing.directory import Directory

DEPLOYMENT = {
    "areas": {
        "Devon and Cornwall": {
            "aliases": ["D&C"],
            "level3_administrator": "level3@dc.police.test",
            "manager": "manager@dc.justice.test",
            "localities": {
                "Plymouth": {
                    "administrator": "plymouth@dc.justice.test",
                    "districts": ["PL1", "PL4", "PL5"],
                    "hospitals": ["Glenbourne Unit"],
                },
                "East Cornwall": {
                    "administrator": "east-cornwall@dc.justice.test",
                    "districts": ["PL15", "PL18 9"],
                    "aliases": ["Caradon"],
                },
                "West Cornwall": {
                    "administrator": "west-cornwall@dc.justice.test",
                    "districts": ["TR"],
                },
                "South Devon": {
                    "administrator": "south-devon@dc.justice.test",
                    "districts": ["TQ", "PL18"],
                    "hospitals": ["Langdon Hospital"],
                },
            },
        },
        "Dorset": {
            "level3_administrator": "level3@dorset.police.test",
            "manager": "manager@dorset.justice.test",
            "decision_working_days": 5,
            "localities": {
                "Bournemouth and Poole": {
                    "administrator": "bcp@dorset.justice.test",
                    "districts": ["BH1", "BH15"],
                },
            },
        },
    },
    "organisations": {
        "Devon Partnership NHS Trust": {
            "area": "Devon and Cornwall",
            "spoc": "spoc@dpt.nhs.test",
            "aliases": ["DPT"],
            "sender_domains": ["dpt.nhs.test"],
            "pdp_provider": "devon_partnership_nhs_trust",
        },
        "Livewell Southwest": {
            "area": "Devon and Cornwall",
            "locality": "Plymouth",
            "spoc": "spoc@livewell.nhs.test",
            "sender_domains": ["*.livewell.nhs.test"],
            "pdp_provider": "plymouth_pct",
        },
    },
    "pdp": {"name": "police public protection unit", "mailbox": "ppu@dc.police.test"},
    "secure_domains": ["*.police.test", "*.justice.test", "*.nhs.test"],
}


@pytest.fixture(scope="session")
def deployment() -> Deployment:
    return Deployment.model_validate(DEPLOYMENT)


@pytest.fixture(scope="session")
def directory(deployment: Deployment) -> Directory:
    return Directory(deployment)


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    return england_and_wales()
