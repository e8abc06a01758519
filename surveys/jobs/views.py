"""The background jobs as their owner sees them: one job's page with its progress bar (htmx polls
its `progress` region until it is finished), the lists, and the finished file.

A job is its owner's: anyone else gets a 404, and the owner also needs, still, the permission the
job's kind needs (an admin who lost the role cannot fetch an import's result)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseClientRedirect

from surveys.jobs.models import Job
from veiledning import roles
from veiledning.downloads import attachment

LISTED = 50
DOWNLOAD_KINDS = {Job.Kind.REPORT_DOCX: "report", Job.Kind.EXPORT_PROJECT: "project"}  # as the history names them


def _get_job_for(request, pk):
    roles.check(request.user, roles.VIEW)
    job = get_object_or_404(Job.objects.select_related("survey").defer("result"), pk=pk, created_by=request.user)
    roles.check(request.user, job.permission)
    return job


def phase(job):
    """What the status line says; the page re-announces it only when this changes."""
    return f"{job.shown_state}:{job.done * 10 // job.total if job.total else 0}:{job.message}"


@require_safe
def job_page(request, job_id):
    job = _get_job_for(request, job_id)
    if request.htmx:
        if job.finished and request.GET.get("follow") and job.result_url and not job.has_file \
                and job.shown_state == Job.State.DONE:
            return HttpResponseClientRedirect(job.result_url)  # the work led somewhere: go on there
        return render(request, "surveys/jobs/job.html#progress",
                      {"job": job, "announce": request.GET.get("seen") != phase(job), "phase": phase(job)})
    return render(request, "surveys/jobs/job.html", {"job": job, "survey": job.survey, "phase": phase(job),
                                                     "follow": not job.finished})


@require_safe
def job_file(request, job_id):
    job = _get_job_for(request, job_id)
    if not job.has_file:
        raise Http404
    content = Job.objects.filter(pk=job.pk).values_list("result", flat=True).get()
    response = HttpResponse(bytes(content), content_type=job.result_type or "application/octet-stream")
    details = {"kind": job.params.get("kind") or DOWNLOAD_KINDS.get(job.kind, job.kind),
               "format": job.result_name.rsplit(".", 1)[-1], "job": job.pk}
    if "layer" in job.params:
        details["layer"] = job.params["layer"]
    return attachment(response, job.result_name, request=request, survey=job.survey, **details)


def _list(request, jobs, *, survey=None):
    jobs = list(jobs.select_related("survey").defer("result", "result_data", "params")[:LISTED])
    context = {"jobs": jobs, "survey": survey, "polling": any(not j.finished for j in jobs),
               "keep_hours": settings.JOB_KEEP_HOURS}
    template = "surveys/jobs/list.html" + ("#job-list" if request.htmx else "")
    return render(request, template, context)


@require_safe
def my_jobs(request):
    roles.check(request.user, roles.VIEW)
    return _list(request, Job.objects.of(request.user))


@require_safe
def survey_jobs(request, slug):
    survey = roles.get_survey_for(request, slug)
    return _list(request, Job.objects.of(request.user).filter(survey=survey), survey=survey)
