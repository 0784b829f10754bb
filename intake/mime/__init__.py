"""Splitting a raw e-mail into the documents it carries, within stated limits."""

from intake.mime.split import FoundAttachment, Limits, SplitResult, split_attachments

__all__ = ["FoundAttachment", "Limits", "SplitResult", "split_attachments"]
