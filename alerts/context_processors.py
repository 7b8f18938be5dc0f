from .selectors import open_count_for


def open_alerts(request):
    """The count of open alerts of the user's unit, shown on every page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"open_alerts": open_count_for(user)}
