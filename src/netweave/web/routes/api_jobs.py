"""The JSON API for the job search: targets, warm paths, leads and the report."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import Field

from netweave.services import field_lengths as column
from netweave.services.leads import add_lead, list_leads, move_lead, show_lead, step_done
from netweave.services.paths import warm_paths
from netweave.services.report import job_report
from netweave.services.targets import add_target, list_targets
from netweave.web.deps import ctx_of
from netweave.web.forms import ApiIn, Day, PathId

router = APIRouter(prefix="/api")
Json = dict[str, Any]


class TargetIn(ApiIn):
    """An employer for the LAMP list (a name only close to organizations' is refused, 422,
    unless ``new_org``)."""

    org: str = Field(min_length=1, max_length=300)
    motivation: int | None = Field(None, ge=0, le=3)
    posting: int | None = Field(None, ge=1, le=3)
    new_org: bool = False


class LeadIn(ApiIn):
    """A lead to open (an employer only close to organizations' names is refused, 422,
    unless ``new_org``)."""

    org: str = Field(min_length=1, max_length=300)
    role: str = Field(min_length=1, max_length=300)
    source: str = "other"
    url: str | None = Field(None, max_length=1000)
    new_org: bool = False


class MoveIn(ApiIn):
    """The stage to move a lead to. The lead's next step is cleared unless ``next_step``
    gives the next one, or ``due`` alone a new day for the one set."""

    stage: str = Field(max_length=40)
    note: str | None = Field(None, max_length=2000)
    next_step: str | None = Field(None, max_length=column.STEP)
    due: Day | None = None


@router.get("/targets", tags=["job search"])
def api_targets(request: Request) -> list[Json]:
    """The LAMP list, best first."""
    return list_targets(ctx_of(request))


@router.post("/targets", tags=["job search"], status_code=201)
def api_add_target(request: Request, body: TargetIn) -> Json:
    """Put an employer on the LAMP list."""
    return add_target(ctx_of(request), body.org, motivation=body.motivation,
                      posting=body.posting, new_org=body.new_org)  # fmt: skip


@router.get("/orgs/{org_id}/paths", tags=["job search"])
def api_paths(request: Request, org_id: PathId) -> list[Json]:
    """Warm paths into an organization, strongest first."""
    return warm_paths(ctx_of(request), f"#{org_id}")


@router.get("/leads", tags=["job search"])
def api_leads(request: Request, include_closed: bool = False) -> list[Json]:
    """Leads, the nearest next step first."""
    return list_leads(ctx_of(request), include_closed=include_closed)


@router.post("/leads", tags=["job search"], status_code=201)
def api_add_lead(request: Request, body: LeadIn) -> Json:
    """Open a lead."""
    return add_lead(ctx_of(request), body.org, body.role, source=body.source, url=body.url,
                    new_org=body.new_org)  # fmt: skip


@router.get("/leads/{lead_id}", tags=["job search"])
def api_lead(request: Request, lead_id: PathId) -> Json:
    """One lead with its stage history and people."""
    return show_lead(ctx_of(request), f"#{lead_id}")


@router.post("/leads/{lead_id}/move", tags=["job search"])
def api_move_lead(request: Request, lead_id: PathId, body: MoveIn) -> Json:
    """Move a lead to another stage."""
    return move_lead(
        ctx_of(request),
        f"#{lead_id}",
        body.stage,
        note=body.note,
        next_step=body.next_step,
        due=body.due,
    )


@router.post("/leads/{lead_id}/step-done", tags=["job search"])
def api_lead_step_done(request: Request, lead_id: PathId) -> Json:
    """A lead's next step done (the agenda's ``lead`` item): the step cleared, nothing logged."""
    return step_done(ctx_of(request), f"#{lead_id}")


@router.get("/report", tags=["job search"])
def api_report(request: Request) -> Json:
    """Funnel by source, hidden share, reply rates, time per stage."""
    return job_report(ctx_of(request))
