"""Names of the audit log's action and entity codes, as the audit window shows them.

The log stores stable codes ("record.register", "blank.spoiled"); the window
names them in the reader's language.  A code added later without a name here
is shown as stored, never hidden.
"""

from __future__ import annotations

from tirkeu.i18n import N_, _

ACTIONS = {
    "amendment.approve": N_("Amendment approved"),
    "amendment.document": N_("Certificate issued after an amendment"),
    "amendment.receive": N_("Amendment received"),
    "amendment.refuse": N_("Amendment refused"),
    "backup.daily": N_("Daily backup"),
    "backup.manual": N_("Backup"),
    "backup.recovery_key": N_("Recovery key made"),
    "blank.receive": N_("Blanks received"),
    "blank.spoiled": N_("Blank spoiled"),
    "blank.surrendered": N_("Certificate surrendered"),
    "blank.seized": N_("Certificate seized"),
    "blank.destroyed": N_("Blank destroyed"),
    "certificate.invalidate": N_("Certificate made invalid"),
    "demo.build": N_("Demo data built"),
    "destruction.approve": N_("Destruction act approved"),
    "office.create": N_("Registering body set up"),
    "printer.calibrate": N_("Printer calibrated"),
    "record.delete_draft": N_("Draft deleted"),
    "record.draft": N_("Draft saved"),
    "record.draft_edit": N_("Draft changed"),
    "record.refuse": N_("Registration refused"),
    "record.register": N_("Birth registered"),
    "report.book": N_("Act record book printed"),
    "settings.idle_lock": N_("Lock time changed"),
    "transfer.ack": N_("Acknowledgement applied"),
    "transfer.export": N_("Bundle written"),
    "transfer.keys": N_("Office keys installed"),
    "transfer.resend": N_("Bundle written again"),
    "transfer.settings": N_("Transfer settings changed"),
    "user.activate": N_("Account enabled"),
    "user.create": N_("Account created"),
    "user.deactivate": N_("Account disabled"),
    "user.locked": N_("Account locked after wrong passwords"),
    "user.password": N_("Password changed"),
    "user.reset_password": N_("Password reset"),
    "user.role": N_("Role changed"),
}
# Actions whose code ends with a document kind: certificate.<kind>.
PREFIXES = {"certificate.": N_("Certificate or spravka issued")}

ENTITIES = {
    "act_record": N_("act record"),
    "amendment": N_("amendment"),
    "backup": N_("backup"),
    "blank": N_("blank"),
    "blank_batch": N_("batch of blanks"),
    "bundle": N_("bundle"),
    "certificate": N_("certificate"),
    "destruction_act": N_("destruction act"),
    "office": N_("registering body"),
    "report": N_("report"),
    "setting": N_("setting"),
    "settings": N_("settings"),
    "user": N_("account"),
}


def action_label(code: str) -> str:
    if code in ACTIONS:
        return _(ACTIONS[code])
    for prefix, msgid in PREFIXES.items():
        if code.startswith(prefix):
            return _(msgid)
    return code


def entity_label(code: str, entity_id: str | None) -> str:
    name = _(ENTITIES[code]) if code in ENTITIES else code
    return f"{name} {entity_id or ''}".strip()
