"""Roles and what each may do; the signed-in actor every service call checks.

Kept apart from :mod:`tirkeu.services.auth` (sign-in, with the database and
argon2) so the sign-in window can start without loading either.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tirkeu.services.errors import PermissionDenied


class Role(StrEnum):
    REGISTRAR = "registrar"
    HEAD = "head"
    ADMIN = "admin"


class Action(StrEnum):
    """What a role may do; checked by every service call (DESIGN.md)."""

    EDIT_RECORDS = "edit_records"
    REGISTER = "register"
    PRINT = "print"
    APPROVE_DESTRUCTION = "approve_destruction"
    SIGN_ELECTRONIC = "sign_electronic"
    MANAGE_ACCOUNTS = "manage_accounts"
    MANAGE_STOCK = "manage_stock"
    EXPORT = "export"
    VIEW_AUDIT = "view_audit"
    BACKUP = "backup"


PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.REGISTRAR: frozenset({Action.EDIT_RECORDS, Action.REGISTER, Action.PRINT, Action.EXPORT}),
    Role.HEAD: frozenset(
        {
            Action.EDIT_RECORDS,
            Action.REGISTER,
            Action.PRINT,
            Action.EXPORT,
            Action.APPROVE_DESTRUCTION,
            Action.SIGN_ELECTRONIC,
            Action.VIEW_AUDIT,
            Action.BACKUP,
        }
    ),
    Role.ADMIN: frozenset(
        {
            Action.MANAGE_ACCOUNTS,
            Action.MANAGE_STOCK,
            Action.EXPORT,
            Action.VIEW_AUDIT,
            Action.BACKUP,
        }
    ),
}


@dataclass(frozen=True)
class Actor:
    """The signed-in staff member on whose behalf a service acts."""

    user_id: int
    username: str
    full_name: str
    role: Role
    ui_language: str
    must_change_password: bool = False

    def require(self, action: Action) -> None:
        if action not in PERMISSIONS[self.role]:
            raise PermissionDenied(
                "Your role ({role}) may not do this: {action}.",
                role=self.role.value,
                action=action.value,
            )
