"""A real SMTP server for the tests (aiosmtpd on loopback) that counts what it accepts by the
outbox-id header, and can be told to answer 4xx or 5xx, or to be slow."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from email.policy import default

from aiosmtpd.controller import Controller

from intake.delivery import OUTBOX_HEADER
from tests.support.ports import free_port


@dataclass
class Recorder:
    """The aiosmtpd handler: accepted messages, and the replies to give next."""

    accepted: list[Message] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)  # taken one per DATA, e.g. "451 …"
    delay_seconds: float = 0.0  # after the data, before the reply: a slow server
    rcpt_delay_seconds: float = 0.0  # in the middle of a transaction
    transactions: int = 0  # RCPT commands seen: a transaction under way

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        self.transactions += 1
        if self.rcpt_delay_seconds:
            time.sleep(self.rcpt_delay_seconds)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.delay_seconds:
            time.sleep(self.delay_seconds)  # blocks the server's loop: a slow server
        if self.replies:
            return self.replies.pop(0)
        self.accepted.append(message_from_bytes(envelope.content, policy=default))
        return "250 OK"

    def counts(self) -> Counter[int]:
        return Counter(int(m[OUTBOX_HEADER]) for m in self.accepted)


@dataclass
class SmtpServer:
    port: int
    recorder: Recorder
    controller: Controller

    def stop(self) -> None:
        self.controller.stop()


def start_smtp() -> SmtpServer:
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    return SmtpServer(port, recorder, controller)
