"""Mailbox sources behind one interface: a local Maildir (the default) and IMAP."""
