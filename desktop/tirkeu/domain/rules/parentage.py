"""The basis of the father's data (п. 17, 21–26) and surrogacy (п. 22)."""

from __future__ import annotations

from collections.abc import Iterator

from tirkeu.domain.application import ApplicantRole, FatherBasis, Scenario
from tirkeu.domain.findings import Finding
from tirkeu.domain.names import same_surname_any_gender
from tirkeu.domain.rules.context import PRESUMPTION_DAYS, WITHOUT_FATHERS_WORD, Ctx
from tirkeu.domain.rules.scope import except_for, scoped

# Bases meant for parents not married to each other (п. 26).
_UNMARRIED_BASES = {FatherBasis.JOINT_PATERNITY, FatherBasis.MOTHER_STATEMENT, FatherBasis.NONE}


def father_presence(ctx: Ctx) -> Iterator[Finding]:
    """The father's data exist exactly when a basis for them is chosen."""
    app = ctx.app
    if ctx.basis is FatherBasis.NONE and app.father is not None:
        yield ctx.error("p26.father_data_with_none", "father", 26)
    elif ctx.basis is not FatherBasis.NONE and app.father is None:
        yield ctx.error("parentage.father_missing", "father", None)


@scoped(scenarios={Scenario.MARRIED})
def married_parents(ctx: Ctx) -> Iterator[Finding]:
    """п. 21: married parents are both recorded; the marriage certificate is the basis."""
    app = ctx.app
    if app.scenario is not Scenario.MARRIED:
        return
    if app.marriage is None:
        yield ctx.error("p21.marriage_missing", "marriage", 21)
    if ctx.basis is FatherBasis.NONE:
        yield ctx.error("p21.father_required", "father_basis", 21)
    elif ctx.basis in _UNMARRIED_BASES:
        yield ctx.error("p26.basis_for_unmarried", "father_basis", 26)


@scoped(bases={FatherBasis.MARRIAGE})
def marriage_basis(ctx: Ctx) -> Iterator[Finding]:
    """п. 21: the marriage is a basis only if it existed at the birth."""
    app = ctx.app
    if ctx.basis is not FatherBasis.MARRIAGE:
        return
    if app.scenario is Scenario.UNMARRIED:
        yield ctx.error("p21.basis_needs_married", "father_basis", 21)
    if app.marriage is None:
        if app.scenario is not Scenario.MARRIED:  # married_parents already says it
            yield ctx.error("p21.marriage_missing", "marriage", 21)
        return
    date = app.marriage.date
    if date is not None and ctx.birth is not None and date > ctx.birth:
        yield ctx.error("p21.marriage_after_birth", "marriage.date", 21, date=str(date))
    days = ctx.days_from_marriage_end_to_birth()
    if days is not None and days <= PRESUMPTION_DAYS:
        yield ctx.warning("p23.record_former_spouse", "father_basis", 23, days=days)


@scoped(needs=("marriage",))
def presumption_window(ctx: Ctx) -> Iterator[Finding]:
    """п. 17: general grounds only if not more than 280 days passed since the marriage ended."""
    days = ctx.days_from_marriage_end_to_birth()
    if days is None or days <= PRESUMPTION_DAYS:
        return
    if ctx.app.scenario is Scenario.MARRIED or ctx.basis in (
        FatherBasis.MARRIAGE,
        FatherBasis.FORMER_SPOUSE,
    ):
        yield ctx.error("p17.beyond_280_days", "marriage.ended.date", 17, days=days)


@scoped(bases={FatherBasis.FORMER_SPOUSE})
def former_spouse_basis(ctx: Ctx) -> Iterator[Finding]:
    """п. 23: father from the marriage / divorce / death records of a marriage that ended."""
    if ctx.basis is not FatherBasis.FORMER_SPOUSE:
        return
    marriage = ctx.app.marriage
    if marriage is None or marriage.ended is None or marriage.ended.date is None:
        yield ctx.error("p23.marriage_end_missing", "marriage.ended", 23)
        return
    if ctx.birth is not None and marriage.ended.date > ctx.birth:
        yield ctx.warning(
            "p23.ended_after_birth", "father_basis", 23, date=str(marriage.ended.date)
        )
    if marriage.ended.document is None:
        yield ctx.warning("p23.end_document_missing", "marriage.ended.document", 23)


@scoped(bases=_UNMARRIED_BASES, needs=("marriage",))
def unmarried_bases(ctx: Ctx) -> Iterator[Finding]:
    """п. 24: within 280 days of the marriage's end the former spouse is presumed the father.

    The unmarried bases (п. 26) then cannot be used; another man is recorded
    only on acknowledgment with the former spouse's consent (п. 25).
    """
    if ctx.basis in _UNMARRIED_BASES and ctx.former_spouse_presumed():
        yield ctx.error("p24.former_spouse_presumed", "father_basis", 24)


@scoped(bases={FatherBasis.JOINT_PATERNITY})
def joint_paternity(ctx: Ctx) -> Iterator[Finding]:
    """п. 26 1): paternity established together with the registration, on both parents' word."""
    if (
        ctx.basis is FatherBasis.JOINT_PATERNITY
        and ctx.app.applicant.role is not ApplicantRole.BOTH_PARENTS
    ):
        yield ctx.warning("p26.joint_application", "applicant.role", 26)


@scoped(bases=WITHOUT_FATHERS_WORD)
def mother_statement(ctx: Ctx) -> Iterator[Finding]:
    """п. 26 2): on the unmarried mother's statement the father bears her surname."""
    app = ctx.app
    if ctx.basis not in WITHOUT_FATHERS_WORD:
        return
    if app.scenario is Scenario.UNMARRIED and app.applicant.role is not ApplicantRole.MOTHER:
        yield ctx.error("p26.statement_by_mother", "applicant.role", 26)
    if ctx.basis is FatherBasis.NONE:
        if app.scenario is Scenario.UNMARRIED and app.father is None:
            yield ctx.warning("p26.no_father_at_wish", "father", 26)
        return
    if app.father is None or app.mother is None:
        return
    if app.mother.surname.strip() and not same_surname_any_gender(
        app.father.surname, app.mother.surname
    ):
        yield ctx.error(
            "p26.father_surname_mother",
            "father.surname",
            26,
            father_surname=app.father.surname,
            mother_surname=app.mother.surname,
        )


@scoped(bases={FatherBasis.ACKNOWLEDGMENT})
def acknowledgment(ctx: Ctx) -> Iterator[Finding]:
    """п. 25, 26 3): a man acknowledges paternity with the mother's (or husband's) consent."""
    if ctx.basis is not FatherBasis.ACKNOWLEDGMENT:
        return
    if ctx.mother_married_at_birth():
        if ctx.app.husband_consent is None:
            yield ctx.error("p25.husband_consent_missing", "husband_consent", 25)
    elif ctx.app.mother_consent is None:
        yield ctx.error("p26.mother_consent_missing", "mother_consent", 26)


@scoped(scenarios={Scenario.UNMARRIED}, needs=("marriage",))
def unmarried_with_marriage(ctx: Ctx) -> Iterator[Finding]:
    """A current marriage given under the unmarried scenario means the mother is married."""
    app = ctx.app
    marriage = app.marriage
    if app.scenario is not Scenario.UNMARRIED or marriage is None or marriage.ended is not None:
        return
    if marriage.date is None or ctx.birth is None or marriage.date <= ctx.birth:
        yield ctx.error("parentage.scenario_married", "scenario", 21)


@scoped(scenarios=except_for(Scenario.SURROGACY), needs=("surrogacy",))
def surrogacy_elsewhere(ctx: Ctx) -> Iterator[Finding]:
    """п. 22: a surrogacy contract belongs to the surrogacy scenario."""
    if ctx.app.scenario is not Scenario.SURROGACY and ctx.app.surrogacy is not None:
        yield ctx.warning("p22.scenario_not_surrogacy", "scenario", 22)


@scoped(scenarios={Scenario.SURROGACY})
def surrogacy(ctx: Ctx) -> Iterator[Finding]:
    """п. 22: under a surrogacy contract the spouses are recorded as the parents."""
    app = ctx.app
    if app.scenario is not Scenario.SURROGACY:
        return
    if app.surrogacy is None:
        yield ctx.error("p22.contract_missing", "surrogacy.contract", 22)
    else:
        contract = app.surrogacy.contract
        if contract.date is not None and ctx.birth is not None and contract.date > ctx.birth:
            yield ctx.error(
                "p22.contract_after_birth",
                "surrogacy.contract.date",
                22,
                date=str(contract.date),
                birth_date=str(ctx.birth),
            )
        if app.surrogacy.art_consent is None:
            yield ctx.warning("p22.art_consent_missing", "surrogacy.art_consent", 22)
    if ctx.basis is not FatherBasis.MARRIAGE or app.marriage is None or app.father is None:
        yield ctx.error("p22.spouses_are_parents", "father_basis", 22)


RULES = (
    father_presence,
    married_parents,
    marriage_basis,
    presumption_window,
    former_spouse_basis,
    unmarried_bases,
    joint_paternity,
    mother_statement,
    acknowledgment,
    unmarried_with_marriage,
    surrogacy_elsewhere,
    surrogacy,
)
