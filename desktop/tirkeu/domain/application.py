"""The birth application as plain typed data (schema ``tirkeu.application/1``).

These dataclasses mirror the e-application JSON described in DESIGN.md one to
one, so that a draft typed in the wizard, a file imported from eGov and a
record carried in a sync bundle are the same value.  Conversion to and from
JSON-ready dicts lives here too; validation of the *content* is the rules
engine's job (``tirkeu.domain.rules``), validation of the *shape* is the JSON
Schema's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from enum import StrEnum
from typing import Any, get_args, get_origin, get_type_hints

SCHEMA_ID = "tirkeu.application/1"


class Scenario(StrEnum):
    MARRIED = "married"
    UNMARRIED = "unmarried"
    STILLBORN = "stillborn"
    FOUND = "found"
    SURROGACY = "surrogacy"


class Language(StrEnum):
    KK = "kk"
    RU = "ru"


class ApplicantRole(StrEnum):
    MOTHER = "mother"
    FATHER = "father"
    BOTH_PARENTS = "both_parents"
    INTERESTED_PERSON = "interested_person"
    MEDICAL_ORGANIZATION = "medical_organization"
    POLICE = "police"
    GUARDIANSHIP_BODY = "guardianship_body"
    EDUCATION_ORGANIZATION = "education_organization"
    CHILD_SELF = "child_self"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class PlaceKind(StrEnum):
    MEDICAL_ORGANIZATION = "medical_organization"
    HOME = "home"
    EXPEDITION = "expedition"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    TRAIN = "train"
    OTHER = "other"


class EvidenceKind(StrEnum):
    MEDICAL_CERTIFICATE = "medical_certificate"
    COURT_DECISION = "court_decision"


class MotherIdentity(StrEnum):
    DOCUMENT = "document"
    FROM_MEDICAL_CERTIFICATE = "from_medical_certificate"


class FatherBasis(StrEnum):
    MARRIAGE = "marriage"
    JOINT_PATERNITY = "joint_paternity"
    MOTHER_STATEMENT = "mother_statement"
    ACKNOWLEDGMENT = "acknowledgment"
    FORMER_SPOUSE = "former_spouse"
    NONE = "none"


class IdDocumentKind(StrEnum):
    ID_CARD = "id_card"
    PASSPORT = "passport"
    FOREIGN_PASSPORT = "foreign_passport"
    STATELESS_CERTIFICATE = "stateless_certificate"
    RESIDENCE_PERMIT = "residence_permit"


class MarriageEndKind(StrEnum):
    DIVORCE = "divorce"
    ANNULMENT = "annulment"
    DEATH = "death"


@dataclass
class Doc:
    """Any supporting document: number, date and issuing body."""

    number: str = ""
    date: dt.date | None = None
    issuer: str = ""


@dataclass
class IdDocument:
    kind: IdDocumentKind = IdDocumentKind.ID_CARD
    number: str = ""
    issued_on: dt.date | None = None
    issuer: str = ""


@dataclass
class Person:
    surname: str = ""
    given_name: str = ""
    patronymic: str | None = None
    birth_date: dt.date | None = None
    iin: str | None = None
    citizenship: str = "KZ"
    nationality: str | None = None
    document: IdDocument | None = None
    address: str | None = None
    # Only meaningful for the mother (п. 12): data taken from the medical
    # certificate "from her words" when she has no identity document.
    identity: MotherIdentity | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)


@dataclass
class Applicant:
    role: ApplicantRole = ApplicantRole.MOTHER
    person: Person | None = None
    organization: str | None = None
    authority_document: Doc | None = None


@dataclass
class BirthPlace:
    text: str = ""
    kato: str | None = None


@dataclass
class MultipleBirth:
    count: int = 2
    order: int = 1


@dataclass
class Child:
    surname: str = ""
    given_name: str = ""
    patronymic: str | None = None
    sex: Sex = Sex.FEMALE
    birth_date: dt.date | None = None
    birth_place: BirthPlace = field(default_factory=BirthPlace)
    place_kind: PlaceKind = PlaceKind.MEDICAL_ORGANIZATION
    alive: bool = True
    multiple_birth: MultipleBirth | None = None
    iin: str | None = None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.surname, self.given_name, self.patronymic) if p)


@dataclass
class BirthEvidence:
    kind: EvidenceKind = EvidenceKind.MEDICAL_CERTIFICATE
    number: str = ""
    date: dt.date | None = None
    issuer: str = ""


@dataclass
class MarriageEnd:
    kind: MarriageEndKind = MarriageEndKind.DIVORCE
    date: dt.date | None = None
    document: Doc | None = None


@dataclass
class Marriage:
    certificate_number: str = ""
    date: dt.date | None = None
    registry: str = ""
    ended: MarriageEnd | None = None


@dataclass
class FoundChild:
    found_on: dt.date | None = None
    place: str = ""
    circumstances: str = ""
    protocol: Doc = field(default_factory=Doc)
    medical_document: Doc = field(default_factory=Doc)
    witnesses: list[str] = field(default_factory=list)


@dataclass
class Surrogacy:
    contract: Doc = field(default_factory=Doc)
    art_consent: Doc | None = None


@dataclass
class Application:
    """One application for the state registration of one child's birth (п. 8)."""

    scenario: Scenario = Scenario.MARRIED
    received_on: dt.date | None = None
    language: Language = Language.KK
    applicant: Applicant = field(default_factory=Applicant)
    child: Child = field(default_factory=Child)
    birth_evidence: BirthEvidence | None = field(default_factory=BirthEvidence)
    mother: Person | None = field(default_factory=Person)
    father: Person | None = None
    father_basis: FatherBasis = FatherBasis.MARRIAGE
    marriage: Marriage | None = None
    husband_consent: Doc | None = None
    mother_consent: Doc | None = None
    found_child: FoundChild | None = None
    surrogacy: Surrogacy | None = None
    late_registration_conclusion: Doc | None = None


# --- conversion to and from JSON-ready dicts ---------------------------------


def to_dict(app: Application) -> dict[str, Any]:
    """The application as the e-application JSON object (None fields dropped)."""
    out = _dump(app)
    assert isinstance(out, dict)
    return {"schema": SCHEMA_ID, **out}


def _dump(value: Any) -> Any:
    # Ordered by how often each kind occurs: this runs for every field of every
    # record a bundle, a demo world or the journal writes.
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_dump(v) for v in value]
    out = {}
    for name in _field_names(type(value)):
        item = getattr(value, name)
        if item is not None:
            out[name] = _dump(item)
    return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        if not is_dataclass(cls):
            raise TypeError(f"cannot write {cls.__name__} into an application")
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


class ShapeError(ValueError):
    """The dict does not have the shape of an application; ``path`` names the field."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def from_dict(data: dict[str, Any]) -> Application:
    """Build an Application from a JSON object already checked against the schema.

    Unknown extra fields are ignored (the schema allows additions).  A value of
    the wrong type raises :class:`ShapeError` naming the field.
    """
    if not isinstance(data, dict):
        data = dict(data.items())
    try:
        result = _loader(Application)(data)  # "schema" is no field: ignored as extras are
    except _Misfit as misfit:
        raise ShapeError(misfit.path(), misfit.problem) from None
    assert isinstance(result, Application)
    return result


class _Misfit(Exception):
    """A value of the wrong shape, with its path gathered on the way out."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.steps: list[str | int] = []  # innermost first

    def path(self) -> str:
        path = ""
        for step in reversed(self.steps):
            if isinstance(step, int):
                path = f"{path}[{step}]"
            else:
                path = f"{path}.{step}" if path else step
        return path or "$"


Loader = Callable[[Any], Any]
_ABSENT = object()
_LOADERS: dict[Any, Loader] = {}


def _loader(tp: Any) -> Loader:
    """The function that reads a JSON value into ``tp``, built once per type.

    Every record a bundle, the journal or a draft holds is read this way, so
    the type hints are looked at once and each record is a few dict lookups.
    """
    known = _LOADERS.get(tp)
    if known is None:
        known = _LOADERS[tp] = _build_loader(tp)
    return known


def _build_loader(tp: Any) -> Loader:
    if tp is str:
        return _load_str
    if tp is dt.date:
        return _load_date
    if tp is bool:
        return _load_bool
    if tp is int:
        return _load_int
    if isinstance(tp, type) and is_dataclass(tp):
        return _dataclass_loader(tp)
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return _enum_loader(tp)
    if get_origin(tp) is list:
        (item_type,) = get_args(tp)
        return _list_loader(_loader(item_type))
    raise TypeError(f"cannot read {tp!r} from an application")


def _load_str(value: Any) -> str:
    if not isinstance(value, str):
        raise _Misfit("text expected")
    return value


def _load_date(value: Any) -> dt.date:
    if not isinstance(value, str):
        raise _Misfit("date YYYY-MM-DD expected")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Misfit(f"not a date: {value!r}") from None


def _load_bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Misfit("true or false expected")
    return value


def _load_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Misfit("integer expected")
    return value


def _enum_loader(tp: type[StrEnum]) -> Loader:
    members = {member.value: member for member in tp}

    def load(value: Any) -> StrEnum:
        member = members.get(value) if isinstance(value, str) else None
        if member is None:
            raise _Misfit(f"unknown value {value!r}")
        return member

    return load


def _list_loader(load_item: Loader) -> Loader:
    def load(value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise _Misfit("list expected")
        items = []
        for i, item in enumerate(value):
            try:
                items.append(load_item(item))
            except _Misfit as misfit:
                misfit.steps.append(i)
                raise
        return items

    return load


def _dataclass_loader(cls: type) -> Loader:
    """A loader written out as Python source for ``cls``, field by field.

    Every record of a district's bundle passes through about ten of these, so
    the loop over a plan, its tuple unpacking and the keyword dict are compiled
    away, as ``dataclasses`` does for ``__init__``.  The behaviour is that of the
    plan: an absent field takes its default (None when optional), None is kept
    for an optional field, text is taken as it is, anything else goes through
    the field's own loader, and a misfit gains the field's name on its path.
    """
    hints = get_type_hints(cls)
    env: dict[str, Any] = {"_Misfit": _Misfit, "_ABSENT": _ABSENT, "cls": cls}
    body = ["    get = value.get", "    step = ''", "    try:"]
    arguments = []
    for i, f in enumerate(fields(cls)):
        if not f.init or (f.default is MISSING and f.default_factory is MISSING):
            raise TypeError(f"{cls.__name__}.{f.name} cannot be read from an application")
        args = get_args(hints[f.name])
        optional = type(None) in args
        inner = next(a for a in args if a is not type(None)) if optional else hints[f.name]
        env[f"load{i}"] = load_field = _loader(inner)
        if optional:
            absent = "None"
        elif f.default_factory is not MISSING:
            env[f"default{i}"] = f.default_factory
            absent = f"default{i}()"
        else:
            env[f"default{i}"] = f.default
            absent = f"default{i}"
        v = f"v{i}"
        if optional:  # absent and null are the same: one lookup, one test
            body.append(f"        {v} = get({f.name!r})")
            body.append(f"        if {v} is None:")
            body.append("            pass")
        else:
            body.append(f"        {v} = get({f.name!r}, _ABSENT)")
            body.append(f"        if {v} is _ABSENT:")
            body.append(f"            {v} = {absent}")
        if load_field is _load_str:
            body.append(f"        elif type({v}) is str:")  # the commonest case, without a call
            body.append("            pass")
        if load_field is _load_date:  # an ISO date read here; anything else the loader explains
            env["fromisoformat"] = dt.date.fromisoformat
            body.append(f"        elif type({v}) is str:")
            body.append("            try:")
            body.append(f"                {v} = fromisoformat({v})")
            body.append("            except ValueError:")
            body.append(f"                step = {f.name!r}")
            body.append(f"                {v} = load{i}({v})")
        if isinstance(inner, type) and issubclass(inner, StrEnum):
            # a known value is looked up here; anything else goes to the loader, which says why
            env[f"members{i}"] = {member.value: member for member in inner}
            body.append(f"        elif type({v}) is str and {v} in members{i}:")
            body.append(f"            {v} = members{i}[{v}]")
        body.append("        else:")
        body.append(f"            step = {f.name!r}")
        body.append(f"            {v} = load{i}({v})")
        arguments.append(v)  # in the order of the fields, which is that of __init__
    source = "\n".join(
        [
            "def load(value):",
            "    if not isinstance(value, dict):",
            "        raise _Misfit('object expected')",
            *body,
            "    except _Misfit as misfit:",
            "        misfit.steps.append(step)",
            "        raise",
            f"    return cls({', '.join(arguments)})",
        ]
    )
    exec(compile(source, f"<loader of {cls.__name__}>", "exec"), env)
    load: Loader = env["load"]
    return load
