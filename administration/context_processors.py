def current_post(request):
    """The signed-in user's unit and role, shown on every page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"current_unit": user.unit, "current_role": user.role}
