"""The rules engine of Order 429: ``check`` an application, get every finding.

One module per group of paragraphs; each rule is a small function naming its
paragraph.  Findings carry rule ids and parameters, translated when read.
"""

from tirkeu.domain.findings import Finding, Severity
from tirkeu.domain.rules.deadlines import registration_deadline, service_deadline
from tirkeu.domain.rules.engine import ALL_RULES, check

__all__ = [
    "ALL_RULES",
    "Finding",
    "Severity",
    "check",
    "registration_deadline",
    "service_deadline",
]
