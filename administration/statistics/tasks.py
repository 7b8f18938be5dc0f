"""Celery tasks of statistics: they take ids, load, and call a service."""

from celery import shared_task

from . import facts, services


# A national rebuild takes minutes on a million complaints: beyond the default limits.
@shared_task(soft_time_limit=1800, time_limit=1900)
def refresh_facts() -> int:
    return facts.refresh().complaints


@shared_task(soft_time_limit=600, time_limit=660)
def build_export(export_id: int) -> None:
    try:
        services.export_build(export_id=export_id)
    except Exception:
        services.export_fail(export_id=export_id)
        raise


@shared_task
def purge_exports() -> int:
    return services.exports_purge()


@shared_task(soft_time_limit=600, time_limit=660)
def watch_registration() -> int:
    """Monthly counts of every unit and department against their own history."""
    return services.monitoring_run()
