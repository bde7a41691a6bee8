"""Errors the services raise, translatable into the reader's language.

A service error carries an English msgid and its parameters; the GUI and the
command line render it with :meth:`ServiceError.message` in their language.
"""

from __future__ import annotations

from typing import Any

from tirkeu.i18n import t


class ServiceError(Exception):
    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params

    def message(self, lang: str) -> str:
        text = t(lang, self.msgid)
        return text.format(**self.params) if self.params else text


class PermissionDenied(ServiceError):
    """The signed-in role may not do this (checked in the service, not the UI)."""


class NotFound(ServiceError):
    pass


class Conflict(ServiceError):
    """The request contradicts the state of the record (e.g. registering twice)."""
