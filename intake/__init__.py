"""The service shell: settings, storage, mailbox, MIME splitting, pipeline and CLI."""
